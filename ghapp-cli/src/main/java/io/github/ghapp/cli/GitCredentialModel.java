package io.github.ghapp.cli;

import static io.github.ghapp.cli.Models.cast;
import static io.github.ghapp.cli.Models.get;
import static io.github.ghapp.cli.Models.option;
import static io.github.ghapp.cli.Models.set;

import io.github.ghapp.cli.GitCredentialCommand.HelperOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ghapp git-credential}'s model built in code, as picocli would build it from annotations:
 * Git starts the helper before every fetch and push, and annotations cost a short command a fifth
 * of its start (see {@link Models}). The texts and order follow {@link AppOptions} and {@link
 * HelperOptions}, whose annotations {@code ghapp setup git} still reads.
 */
final class GitCredentialModel {
  private GitCredentialModel() {}

  static CommandLine commandLine(GitCredentialCommand command) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    command.spec = spec;
    spec.name("git-credential").setAddMethodSubcommands(false);
    spec.usageMessage()
        .sortOptions(false)
        .description(GitCredentialCommand.DESCRIPTION)
        .footerHeading("%nSet up (once):%n")
        .footer(GitCredentialCommand.SET_UP);
    spec.addArgGroup(Models.app(command.app));
    spec.addArgGroup(helper(command.helper));
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .paramLabel("get|store|erase")
            .required(true)
            .type(String.class)
            .description(GitCredentialCommand.OPERATION_HELP)
            .setter(set(() -> command.operation, v -> command.operation = (String) v))
            .getter(get(() -> command.operation))
            .initialValue(command.operation)
            .build());
    return new CommandLine(spec);
  }

  private static ArgGroupSpec helper(HelperOptions h) {
    OptionSpec.Builder permission =
        option("--permission", "NAME=LEVEL", Map.class, -1, HelperOptions.PERMISSION_HELP)
            .auxiliaryTypes(String.class, String.class)
            .setter(set(() -> h.permissions, v -> h.permissions = cast(v)))
            .getter(get(() -> h.permissions))
            .initialValue(h.permissions);
    permission.mapFallbackValue(""); // declared on a builder picocli does not export
    return ArgGroupSpec.builder()
        .validate(false)
        .exclusive(false)
        .heading("Helper:%n")
        .order(2)
        .addArg(
            option("--host", "HOST", String.class, -1, HelperOptions.HOST_HELP)
                .setter(set(() -> h.host, v -> h.host = (String) v))
                .getter(get(() -> h.host))
                .initialValue(h.host)
                .build())
        .addArg(
            option("--owner", "LOGIN", List.class, -1, HelperOptions.OWNER_HELP)
                .auxiliaryTypes(String.class)
                .setter(set(() -> h.owners, v -> h.owners = cast(v)))
                .getter(get(() -> h.owners))
                .initialValue(h.owners)
                .build())
        .addArg(
            option("--installation-id", "ID", Long.class, -1, HelperOptions.INSTALLATION_HELP)
                .setter(set(() -> h.installationId, v -> h.installationId = (Long) v))
                .getter(get(() -> h.installationId))
                .initialValue(h.installationId)
                .build())
        .addArg(
            option("--repository", "NAME", List.class, -1, HelperOptions.REPOSITORY_HELP)
                .auxiliaryTypes(String.class)
                .setter(set(() -> h.repositories, v -> h.repositories = cast(v)))
                .getter(get(() -> h.repositories))
                .initialValue(h.repositories)
                .build())
        .addArg(permission.build())
        .addArg(
            option("--min-validity", "DURATION", Duration.class, -1, HelperOptions.VALIDITY_HELP)
                .converters(new DurationConverter())
                .setter(set(() -> h.minValidity, v -> h.minValidity = (Duration) v))
                .getter(get(() -> h.minValidity))
                .initialValue(h.minValidity)
                .build())
        .addArg(
            OptionSpec.builder("--no-cache")
                .type(boolean.class)
                .description(HelperOptions.NO_CACHE_HELP)
                .setter(set(() -> h.noCache, v -> h.noCache = (Boolean) v))
                .getter(get(() -> h.noCache))
                .initialValue(h.noCache)
                .build())
        .build();
  }
}
