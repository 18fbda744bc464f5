package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionSetTest {

  @Test
  void parseAlternatives_gitHubsDocumentedExamples_readAsGitHubMeansThem() {
    assertThat(PermissionSet.parseAlternatives("contents=read"))
        .containsExactly(PermissionSet.of(Map.of("contents", "read")));
    assertThat(PermissionSet.parseAlternatives("pull_requests=write,contents=read"))
        .containsExactly(PermissionSet.of(Map.of("pull_requests", "write", "contents", "read")));
    assertThat(
            PermissionSet.parseAlternatives(
                "pull_requests=read,contents=read; issues=read,contents=read"))
        .containsExactly(
            PermissionSet.parse("contents=read,pull_requests=read"),
            PermissionSet.parse("contents=read,issues=read"));
  }

  @Test
  void parseAlternatives_absentBlankOrOdd_neverThrows() {
    assertThat(PermissionSet.parseAlternatives(null)).isEmpty();
    assertThat(PermissionSet.parseAlternatives("  ")).isEmpty();
    assertThat(PermissionSet.parseAlternatives(";;,=,x=y,Issues=WRITE ; contents = Read"))
        .containsExactly(PermissionSet.parse("contents=read"));
  }

  @Test
  void isCoveredBy_aHigherLevel_covers() {
    PermissionSet needed = PermissionSet.parse("issues=read,contents=read");

    assertThat(needed.isCoveredBy(Map.of("issues", "write", "contents", "read"))).isTrue();
    assertThat(needed.isCoveredBy(Map.of("issues", "write"))).isFalse();
    assertThat(PermissionSet.parse("issues=write").isCoveredBy(Map.of("issues", "read"))).isFalse();
  }

  @Test
  void union_keepsTheHigherLevel() {
    assertThat(
            PermissionSet.parse("issues=read")
                .union(PermissionSet.parse("issues=write,checks=read")))
        .hasToString("checks=read,issues=write");
  }

  @Test
  void parse_aLevelThatIsNotOne_isRefusedNamingIt() {
    assertThatThrownBy(() -> PermissionSet.parse("issues=owner"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("issues=owner: the level must be read, write or admin");
    assertThatThrownBy(() -> PermissionSet.parse("issues"))
        .hasMessage("'issues' is not name=level, e.g. issues=write");
  }
}
