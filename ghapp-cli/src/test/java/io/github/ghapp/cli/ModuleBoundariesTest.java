package io.github.ghapp.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.github.ghapp.cli.archfixture.ReachesIntoInternals;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No class reaches into another module's {@code internal} packages. ghapp-auth, ghapp-webhooks and
 * ghapp-emulator say so in their module-info, but only on the module path; the CLI, like most
 * applications, puts them on the class path, where JPMS checks nothing. So the rule is checked here
 * over the classes of every ghapp module on the CLI's test class path (the CLI's own tests
 * included), and a fixture that breaks it shows that it fires.
 */
class ModuleBoundariesTest {
  static final List<ArchRule> RULES =
      List.of(
          internalsOf("io.github.ghapp.auth", "io.github.ghapp.auth.internal.."),
          internalsOf("io.github.ghapp.emulator", "io.github.ghapp.emulator.internal.."),
          internalsOf("io.github.ghapp.webhooks", "..webhooks.internal.."));

  private static JavaClasses ghapp;

  @BeforeAll
  static void importEveryModule() {
    ghapp =
        new ClassFileImporter()
            .withImportOption(location -> !location.contains("/archfixture/"))
            .importPackages("io.github.ghapp");
  }

  /** Nothing outside {@code module} depends on a class in {@code internals}. */
  private static ArchRule internalsOf(String module, String internals) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(internals)
        .because(
            "only "
                + module
                + " itself may use its internal packages; everything else goes"
                + " through its public API");
  }

  @Test
  void import_holdsTheClassesOfEveryModule() {
    assertThat(ghapp.contain("io.github.ghapp.auth.GitHubApp")).as("ghapp-auth").isTrue();
    assertThat(ghapp.contain("io.github.ghapp.auth.TokenStore")).isTrue();
    assertThat(ghapp.contain("io.github.ghapp.webhooks.Webhooks")).as("ghapp-webhooks").isTrue();
    assertThat(ghapp.contain("io.github.ghapp.emulator.GitHubEmulator"))
        .as("ghapp-emulator")
        .isTrue();
    assertThat(ghapp.contain("io.github.ghapp.testing.TokenStoreContract"))
        .as("ghapp-testing")
        .isTrue();
    assertThat(ghapp.contain("io.github.ghapp.cli.Ghapp")).as("ghapp-cli").isTrue();
    assertThat(ghapp.stream().filter(c -> c.getPackageName().contains(".internal")))
        .as("internal classes, the rules' targets")
        .isNotEmpty();
    assertThat(ghapp.contain(ReachesIntoInternals.class.getName()))
        .as("the fixture stays out of the real check")
        .isFalse();
  }

  @Test
  void noModule_reachesIntoAnotherModulesInternals() {
    for (ArchRule rule : RULES) {
      rule.check(ghapp);
    }
  }

  @Test
  void rules_reportAClassThatReachesIn() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReachesIntoInternals.class);

    for (ArchRule rule : RULES) {
      EvaluationResult result = rule.evaluate(fixture);

      assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
      assertThat(result.getFailureReport().getDetails())
          .singleElement()
          .asString()
          .contains(ReachesIntoInternals.class.getName())
          .contains(".internal.archfixture.InternalStandIn");
    }
  }
}
