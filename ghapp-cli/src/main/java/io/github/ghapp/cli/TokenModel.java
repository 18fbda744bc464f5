package io.github.ghapp.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
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
    spec.addArgGroup(app(token.app));
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

  private static ArgGroupSpec app(AppOptions app) {
    return ArgGroupSpec.builder()
        .validate(false)
        .exclusive(false)
        .heading("App:%n")
        .order(1)
        .addArg(
            option("--app-id", "ID", Long.class, 1, AppOptions.APP_ID_HELP)
                .setter(set(() -> app.appId, v -> app.appId = (Long) v))
                .getter(get(() -> app.appId))
                .initialValue(app.appId)
                .build())
        .addArg(
            option("--client-id", "ID", String.class, 2, AppOptions.CLIENT_ID_HELP)
                .setter(set(() -> app.clientId, v -> app.clientId = (String) v))
                .getter(get(() -> app.clientId))
                .initialValue(app.clientId)
                .build())
        .addArg(
            option("--private-key", "FILE", String.class, 3, AppOptions.PRIVATE_KEY_HELP)
                .setter(set(() -> app.privateKey, v -> app.privateKey = (String) v))
                .getter(get(() -> app.privateKey))
                .initialValue(app.privateKey)
                .build())
        .addArg(
            option("--base-url", "URL", String.class, 4, AppOptions.BASE_URL_HELP)
                .setter(set(() -> app.baseUrl, v -> app.baseUrl = (String) v))
                .getter(get(() -> app.baseUrl))
                .initialValue(app.baseUrl)
                .build())
        .addArg(
            option("--timeout", "DURATION", Duration.class, 5, AppOptions.TIMEOUT_HELP)
                .converters(new DurationConverter())
                .setter(set(() -> app.timeout, v -> app.timeout = (Duration) v))
                .getter(get(() -> app.timeout))
                .initialValue(app.timeout)
                .build())
        .addArg(
            option("--token-store", "URI", String.class, 6, AppOptions.TOKEN_STORE_HELP)
                .setter(set(() -> app.tokenStore, v -> app.tokenStore = (String) v))
                .getter(get(() -> app.tokenStore))
                .initialValue(app.tokenStore)
                .build())
        .build();
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

  private static OptionSpec.Builder option(
      String name, String label, Class<?> type, int order, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(type)
        .order(order)
        .description(description);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  /** A setter that returns the value it replaces, as picocli's field bindings do. */
  private static ISetter set(Supplier<Object> field, Consumer<Object> assign) {
    return new ISetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T set(T value) {
        T old = (T) field.get();
        assign.accept(value);
        return old;
      }
    };
  }

  private static IGetter get(Supplier<Object> field) {
    return new IGetter() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T get() {
        return (T) field.get();
      }
    };
  }
}
