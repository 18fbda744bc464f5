package io.github.ghapp.permissions.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.permissions.data.PermissionTables.Row;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionTablesTest {

  @ParameterizedTest
  @CsvSource({
    "fpt-2022-11-28, 940, 874, 66",
    "fpt-2026-03-10, 940, 874, 66",
    "ghes-3.19-2022-11-28, 748, 671, 50"
  })
  void rows_eachTable_hasTheCountsGitHubPublished(
      String table, int rows, int endpoints, int permissions) {
    List<Row> read = PermissionTables.rows(table);

    assertThat(read).hasSize(rows);
    assertThat(read.stream().map(r -> r.verb() + " " + r.path()).distinct()).hasSize(endpoints);
    assertThat(read.stream().map(Row::permission).distinct()).hasSize(permissions);
  }

  @Test
  void rows_issueCreation_isOneRowOfIssuesWrite() {
    assertThat(rowsOf("POST", "/repos/{owner}/{repo}/issues"))
        .containsExactly(
            new Row(
                "issues",
                "write",
                "POST",
                "/repos/{owner}/{repo}/issues",
                false,
                "issues",
                "create-an-issue"));
  }

  @Test
  void rows_contentsUpdate_isTwoRowsMarkedAdditional() {
    assertThat(rowsOf("PUT", "/repos/{owner}/{repo}/contents/{path}"))
        .extracting(r -> r.permission() + "=" + r.access() + " " + r.additionalPermissions())
        .containsExactly("contents=write true", "workflows=write true");
  }

  @Test
  void rows_meta_hasNoRowInAnyTable() {
    for (String table : PermissionTables.tables()) {
      assertThat(PermissionTables.rows(table)).noneMatch(r -> r.path().equals("/meta"));
    }
  }

  @Test
  void rows_aTableNotCarried_isRefusedNamingTheTables() {
    assertThatThrownBy(() -> PermissionTables.rows("fpt-1999-01-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no permission table 'fpt-1999-01-01'; the tables are fpt-2022-11-28, fpt-2026-03-10,"
                + " ghes-3.19-2022-11-28");
  }

  @Test
  void names_knowEveryPermissionOfEveryTableAndItsLevel() {
    for (String table : PermissionTables.tables()) {
      assertThat(PermissionTables.names())
          .containsKeys(
              PermissionTables.rows(table).stream()
                  .map(Row::permission)
                  .distinct()
                  .toArray(String[]::new));
    }
    assertThat(PermissionTables.names().get("issues").level()).isEqualTo("Repository");
    assertThat(PermissionTables.names().get("members").level()).isEqualTo("Organization");
    assertThat(PermissionTables.names().get("email_addresses").inTokenSchema()).isTrue();
  }

  private static List<Row> rowsOf(String verb, String path) {
    return PermissionTables.rows(PermissionTables.GITHUB_COM_2022_11_28).stream()
        .filter(r -> r.verb().equals(verb) && r.path().equals(path))
        .collect(Collectors.toList());
  }
}
