package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.EndpointNeed.Kind;
import io.github.ghapp.permissions.data.PermissionTables;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointPermissionsTest {
  private final EndpointPermissions catalog = EndpointPermissions.githubCom();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST /repos/{owner}/{repo}/issues | issues=write",
        "GET /repos/{owner}/{repo}/contents/{path} | contents=read",
        "POST /repos/{owner}/{repo}/check-runs | checks=write",
        "GET /repos/{owner}/{repo} | metadata=read",
        "DELETE /orgs/{org} | organization_administration=write"
      })
  void need_theReadmesExampleRows_areExactlyOneSet(String endpoint, String set) {
    EndpointNeed need = catalog.need(endpoint);

    assertThat(need.kind()).isEqualTo(Kind.PERMISSIONS);
    assertThat(need.alternatives()).containsExactly(PermissionSet.parse(set));
    assertThat(need.exact()).isTrue();
  }

  @Test
  void need_contentsUpdate_coversBothRowsAndSaysItIsNotExact() {
    EndpointNeed need = catalog.need("PUT /repos/{owner}/{repo}/contents/{path}");

    assertThat(need.alternatives())
        .containsExactly(PermissionSet.parse("contents=write,workflows=write"));
    assertThat(need.exact()).isFalse();
  }

  @Test
  void need_issueUpdate_isEitherOfTheTwoSetsItsReferencePageNames() {
    assertThat(catalog.need("PATCH /repos/{owner}/{repo}/issues/{issue_number}").alternatives())
        .containsExactly(
            PermissionSet.parse("issues=write"), PermissionSet.parse("pull_requests=write"));
  }

  @Test
  void need_meta_needsNoPermissionRatherThanBeingUnknown() {
    assertThat(catalog.need("GET /meta").kind()).isEqualTo(Kind.NONE);
    assertThat(catalog.need("GET /meta").isSatisfiedBy(java.util.Map.of())).isTrue();
  }

  @Test
  void need_anEndpointTheTableDoesNotList_isUnknownNotNone() {
    EndpointNeed need = catalog.need("GET /repos/{owner}/{repo}/no-such-thing");

    assertThat(need.kind()).isEqualTo(Kind.UNKNOWN);
    assertThat(need.isSatisfiedBy(java.util.Map.of("contents", "write"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST /repos/octo-org/hello-world/issues | POST /repos/{owner}/{repo}/issues",
        "get /repos/octo-org/hello-world/issues/7 | GET /repos/{owner}/{repo}/issues/{issue_number}",
        "GET /repos/octo-org/hello-world/issues/events | GET /repos/{owner}/{repo}/issues/events",
        "GET /repos/octo-org/hello-world/issues/events/12 | GET /repos/{owner}/{repo}/issues/events/{event_id}",
        "GET /repos/o/r/contents/src/main/App.java | GET /repos/{owner}/{repo}/contents/{path}",
        "GET /repos/o/r/git/ref/heads/feature/x | GET /repos/{owner}/{repo}/git/ref/{ref}",
        "GET https://api.github.com/repos/o/r/pulls?state=open | GET /repos/{owner}/{repo}/pulls",
        "GET https://ghe.example.com/api/v3/repos/o/r/pulls/3/ | GET /repos/{owner}/{repo}/pulls/{pull_number}",
        "GET /repos/o/r/commits/abc123/check-runs | GET /repos/{owner}/{repo}/commits/{ref}/check-runs"
      })
  void need_aConcretePath_resolvesToTheTemplateGitHubRoutesItTo(String asked, String template) {
    assertThat(catalog.need(asked).endpoint()).isEqualTo(template);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fpt-2022-11-28", "fpt-2026-03-10", "ghes-3.19-2022-11-28"})
  void need_everyEndpointOfEveryTable_resolvesToItself(String table) {
    EndpointPermissions tableCatalog =
        table.startsWith("ghes")
            ? EndpointPermissions.ghes("3.19")
            : EndpointPermissions.githubCom(table.substring("fpt-".length()));
    List<String> endpoints =
        PermissionTables.rows(table).stream()
            .map(r -> r.verb() + " " + r.path())
            .distinct()
            .toList();

    for (String endpoint : endpoints) {
      EndpointNeed need = tableCatalog.need(endpoint);
      assertThat(need.endpoint()).as(endpoint).isEqualTo(endpoint);
      assertThat(need.kind()).as(endpoint).isEqualTo(Kind.PERMISSIONS);
    }
  }

  @Test
  void leastCovering_severalEndpoints_isOneSetAtTheLowestLevels() {
    PermissionSet least =
        catalog.leastCovering(
            List.of(
                "POST /repos/{owner}/{repo}/issues",
                "GET /repos/{owner}/{repo}/issues",
                "GET /repos/{owner}/{repo}/contents/{path}",
                "GET /repos/{owner}/{repo}",
                "GET /meta"));

    assertThat(least).isEqualTo(PermissionSet.parse("contents=read,issues=write"));
  }

  @Test
  void leastCovering_metadataAlone_keepsIt() {
    assertThat(catalog.leastCovering(List.of("GET /repos/{owner}/{repo}")))
        .isEqualTo(PermissionSet.parse("metadata=read"));
  }

  @Test
  void leastCovering_alternatives_choosesTheOneAlreadyAskedFor() {
    PermissionSet least =
        catalog.leastCovering(
            List.of(
                "GET /repos/{owner}/{repo}/pulls",
                "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
                "POST /repos/{owner}/{repo}/pulls"));

    assertThat(least).isEqualTo(PermissionSet.parse("pull_requests=write"));
  }

  @Test
  void leastCovering_anUnknownEndpoint_isRefusedWithTheNearestTemplates() {
    assertThatThrownBy(() -> catalog.leastCovering(List.of("POST /repos/{owner}/{repo}/issue")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "POST /repos/{owner}/{repo}/issue is not in GitHub's table of endpoints for installation"
                + " tokens (fpt-2022-11-28); the nearest are POST /repos/{owner}/{repo}/issues");
  }

  @Test
  void tokenRequest_noPermissionNeeded_asksForMetadataReadNotForEverything() {
    assertThat(catalog.tokenRequest("GET /meta").build().permissions())
        .containsExactly(java.util.Map.entry("metadata", "read"));
  }

  @Test
  void tokenRequest_withRepositories_narrowsBoth() {
    TokenRequest request =
        catalog
            .tokenRequest("POST /repos/{owner}/{repo}/check-runs")
            .repositories("hello-world")
            .build();

    assertThat(request.permissions()).containsExactly(java.util.Map.entry("checks", "write"));
    assertThat(request.repositories()).containsExactly("hello-world");
  }

  @Test
  void need_notAnEndpoint_isRefusedSayingHowToWriteOne() {
    assertThatThrownBy(() -> catalog.need("/repos/o/r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'/repos/o/r' is not an endpoint: write it as METHOD /path, e.g. 'POST /repos/{owner}/{repo}/issues'");
    assertThatThrownBy(() -> catalog.need("FETCH /repos/o/r"))
        .hasMessage("'FETCH' is not an HTTP method GitHub's API answers");
  }

  @Test
  void githubCom_aVersionWithNoTable_isRefusedNamingTheTables() {
    assertThatThrownBy(() -> EndpointPermissions.githubCom("2099-01-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ghapp has no permission table 'fpt-2099-01-01'; it has fpt-2022-11-28, fpt-2026-03-10,"
                + " ghes-3.19-2022-11-28");
  }

  @Test
  void ghes_knowsFewerEndpointsThanGithubCom() {
    assertThat(EndpointPermissions.ghes("3.19").endpoints().size())
        .isLessThan(catalog.endpoints().size());
  }

  @Test
  void ghesReleases_areTheReleasesWithATable() {
    assertThat(EndpointPermissions.ghesReleases()).containsExactly("3.19");
    EndpointPermissions.ghesReleases()
        .forEach(
            release -> assertThat(EndpointPermissions.ghes(release).table()).contains(release));
  }

  @Test
  void ghesReleases_order_isByNumberNotByText() {
    assertThat(
            java.util.stream.Stream.of("3.19", "4.0", "3.9", "3.20")
                .sorted(EndpointPermissions.BY_RELEASE)
                .toList())
        .containsExactly("3.9", "3.19", "3.20", "4.0");
  }

  @Test
  void nearestPermissionName_aTypo_isTheNameMeant() {
    assertThat(EndpointPermissions.nearestPermissionName("pull_request")).contains("pull_requests");
    assertThat(EndpointPermissions.nearestPermissionName("contnets")).contains("contents");
    assertThat(EndpointPermissions.nearestPermissionName("no_such_thing_at_all")).isEmpty();
  }

  @Test
  void permissionNames_knowTheTablesNamesAndThoseOnlyTheTokenSchemaHas() {
    assertThat(EndpointPermissions.permissionNames())
        .contains(
            "issues", "organization_administration", "email_addresses", "packages", "single_file");
  }
}
