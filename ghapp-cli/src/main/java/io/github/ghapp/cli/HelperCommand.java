package io.github.ghapp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of {@code ghapp git-credential} with a command's app options, for a helper ghapp
 * configures in Git ({@code exec}, {@code setup git}): paths and ids only, never a key or a token,
 * since Git's configuration and every process's arguments are readable by others.
 */
final class HelperCommand {
  private HelperCommand() {}

  /**
   * {@code git-credential} and the app options: those given as options, and with {@code
   * fromEnvironment} also those from {@code GHAPP_*} variables, for a configuration that outlives
   * this environment. The key file's path is always made absolute, as Git runs helpers in any
   * directory.
   */
  static List<String> words(AppOptions app, Environment env, boolean fromEnvironment) {
    List<String> words = new ArrayList<>();
    words.add("git-credential");
    if (app.appId != null) {
      words.addAll(List.of("--app-id", Long.toString(app.appId)));
    } else if (app.clientId != null) {
      words.addAll(List.of("--client-id", app.clientId));
    } else if (fromEnvironment && env.variable(AppOptions.CLIENT_ID) != null) {
      words.addAll(List.of("--client-id", env.variable(AppOptions.CLIENT_ID).strip()));
    } else if (fromEnvironment && env.variable(AppOptions.APP_ID) != null) {
      words.addAll(List.of("--app-id", env.variable(AppOptions.APP_ID).strip()));
    }
    String keyPath = app.privateKey;
    if (keyPath == null) {
      String fromEnv = env.variable(AppOptions.PRIVATE_KEY);
      if (fromEnv != null && !AppOptions.looksLikeKey(fromEnv)) {
        keyPath = fromEnv.strip();
      } else if (fromEnv != null && fromEnvironment) {
        throw CliException.usage(
            AppOptions.PRIVATE_KEY
                + " holds the key itself, which Git's configuration must not. Save it to a file"
                + " readable by you alone and pass --private-key FILE");
      }
    }
    if (keyPath != null) {
      words.addAll(List.of("--private-key", Path.of(keyPath).toAbsolutePath().toString()));
    }
    String baseUrl = fromEnvironment ? app.baseUrl(env) : app.baseUrl;
    if (baseUrl != null) {
      words.addAll(List.of("--base-url", baseUrl));
    }
    if (app.timeout != null || fromEnvironment && env.variable(AppOptions.TIMEOUT) != null) {
      words.addAll(List.of("--timeout", app.timeout(env).toString())); // ISO, e.g. PT30S
    }
    return words;
  }
}
