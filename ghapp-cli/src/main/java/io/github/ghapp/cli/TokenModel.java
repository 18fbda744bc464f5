package io.github.ghapp.cli;

import static io.github.ghapp.cli.Models.cast;
import static io.github.ghapp.cli.Models.get;
import static io.github.ghapp.cli.Models.option;
import static io.github.ghapp.cli.Models.set;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code ghapp token}'s model built in code, as picocli would build it from annotations: every warm
 * {@code ghapp token} has it, and reading annotations makes proxy classes that the JDK's AOT cache
 * does not keep (a fifth of a cached token's start). The options are bound to the fields of the
 * command's own group objects, so {@link TokenCommand} reads them as before. Texts and order follow
 * {@link AppOptions}, {@link InstallationSelector} and {@link ScopeOptions}, whose annotations the
 * other commands still read. Each option's initial value is its field's, as picocli takes it from
 * an annotated field and sets again before each parse.
 */
final class TokenModel {
  private TokenModel() {}

  static CommandLine commandLine(TokenCommand token) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(token);
    token.spec = spec;
    spec.name("token").setAddMethodSubcommands(false);
    spec.usageMessage()
        .sortOptions(false)
        .description(TokenCommand.DESCRIPTION)
        .footerHeading("%nExamples:%n")
        .footer(TokenCommand.EXAMPLES);
    spec.addArgGroup(Models.app(token.app));
    spec.addArgGroup(installation(token.installation));
    spec.addOption(
        OptionSpec.builder("--all-installations")
            .type(boolean.class)
            .order(2)
            .description(
                "A token for every installation of the app (not suspended); with --format json"
                    + " or env.")
            .setter(set(() -> token.allInstallations, v -> token.allInstallations = (Boolean) v))
            .getter(get(() -> token.allInstallations))
            .initialValue(token.allInstallations)
            .build());
    spec.addArgGroup(scope(token.scope));
    spec.addArgGroup(output(token.output));
    return new CommandLine(spec);
  }

  private static ArgGroupSpec installation(InstallationSelector s) {
    int order = -1; // picocli's default: declaration order
    return ArgGroupSpec.builder()
        .exclusive(true)
        .multiplicity("0..1")
        .heading("Installation (one of; default: the app's only one):%n")
        .order(2)
        .addArg(
            option("--installation-id", "ID", Long.class, order, InstallationSelector.ID_HELP)
                .setter(set(() -> s.installationId, v -> s.installationId = (Long) v))
                .getter(get(() -> s.installationId))
                .initialValue(s.installationId)
                .build())
        .addArg(
            option("--repo", "OWNER/REPO", String.class, order, InstallationSelector.REPO_HELP)
                .setter(set(() -> s.repo, v -> s.repo = (String) v))
                .getter(get(() -> s.repo))
                .initialValue(s.repo)
                .build())
        .addArg(
            option("--org", "ORG", String.class, order, InstallationSelector.ORG_HELP)
                .setter(set(() -> s.org, v -> s.org = (String) v))
                .getter(get(() -> s.org))
                .initialValue(s.org)
                .build())
        .addArg(
            option("--user", "USER", String.class, order, InstallationSelector.USER_HELP)
                .setter(set(() -> s.user, v -> s.user = (String) v))
                .getter(get(() -> s.user))
                .initialValue(s.user)
                .build())
        .addArg(
            option("--owner", "LOGIN", List.class, order, InstallationSelector.OWNER_HELP)
                .auxiliaryTypes(String.class)
                .setter(set(() -> s.owners, v -> s.owners = cast(v)))
                .getter(get(() -> s.owners))
                .initialValue(s.owners)
                .build())
        .build();
  }

  private static ArgGroupSpec scope(ScopeOptions scope) {
    OptionSpec.Builder permission =
        option("--permission", "NAME=LEVEL", Map.class, -1, ScopeOptions.PERMISSION_HELP)
            .auxiliaryTypes(String.class, String.class)
            .setter(set(() -> scope.permissions, v -> scope.permissions = cast(v)))
            .getter(get(() -> scope.permissions))
            .initialValue(scope.permissions);
    permission.mapFallbackValue(""); // declared on a builder picocli does not export
    return ArgGroupSpec.builder()
        .validate(false)
        .exclusive(false)
        .heading("Scope:%n")
        .order(3)
        .addArg(
            option("--repository", "NAME", List.class, -1, ScopeOptions.REPOSITORY_HELP)
                .auxiliaryTypes(String.class)
                .setter(set(() -> scope.repositories, v -> scope.repositories = cast(v)))
                .getter(get(() -> scope.repositories))
                .initialValue(scope.repositories)
                .build())
        .addArg(permission.build())
        .addArg(
            option("--for", "ENDPOINT", List.class, -1, ScopeOptions.FOR_HELP)
                .auxiliaryTypes(String.class)
                .setter(set(() -> scope.endpoints, v -> scope.endpoints = cast(v)))
                .getter(get(() -> scope.endpoints))
                .initialValue(scope.endpoints)
                .build())
        .addArg(
            option("--ghes", "RELEASE", String.class, -1, ScopeOptions.GHES_HELP)
                .setter(set(() -> scope.ghes, v -> scope.ghes = (String) v))
                .getter(get(() -> scope.ghes))
                .initialValue(scope.ghes)
                .build())
        .build();
  }

  private static ArgGroupSpec output(TokenCommand.Output output) {
    return ArgGroupSpec.builder()
        .validate(false)
        .exclusive(false)
        .heading("Output:%n")
        .order(4)
        .addArg(
            option("--format", "FORMAT", TokenCommand.Format.class, -1, TokenCommand.FORMAT_HELP)
                .defaultValue("raw")
                .setter(set(() -> output.format, v -> output.format = (TokenCommand.Format) v))
                .getter(get(() -> output.format))
                .initialValue(output.format)
                .build())
        .addArg(
            option("--min-validity", "DURATION", Duration.class, -1, TokenCommand.VALIDITY_HELP)
                .converters(new DurationConverter())
                .setter(set(() -> output.minValidity, v -> output.minValidity = (Duration) v))
                .getter(get(() -> output.minValidity))
                .initialValue(output.minValidity)
                .build())
        .addArg(
            OptionSpec.builder("--no-cache")
                .type(boolean.class)
                .description("Always mint a new token, and do not cache it.")
                .setter(set(() -> output.noCache, v -> output.noCache = (Boolean) v))
                .getter(get(() -> output.noCache))
                .initialValue(output.noCache)
                .build())
        .build();
  }
}
