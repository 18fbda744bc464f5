package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Which app, with which key, on which GitHub: the options every command that talks to GitHub as the
 * app shares, each with a {@code GHAPP_*} environment variable as fallback. An option given on the
 * command line wins over the environment; {@code --app-id} or {@code --client-id} replaces both
 * variables.
 */
final class AppOptions {
  static final String APP_ID = "GHAPP_APP_ID";
  static final String CLIENT_ID = "GHAPP_CLIENT_ID";
  static final String PRIVATE_KEY = "GHAPP_PRIVATE_KEY";
  static final String BASE_URL = "GHAPP_BASE_URL";
  static final String TIMEOUT = "GHAPP_TIMEOUT";

  // The options' descriptions, which token's model in code (TokenModel) shares.
  static final String APP_ID_HELP =
      "The app's numeric ID (its settings page). Env: " + APP_ID + ".";

  static final String CLIENT_ID_HELP =
      "The app's client ID, e.g. Iv23liABC; recommended over --app-id. Env: " + CLIENT_ID + ".";

  static final String PRIVATE_KEY_HELP =
      "The app's private key as GitHub downloads it (PEM, PKCS#1 or PKCS#8); '-' reads it"
          + " from standard input. Env: "
          + PRIVATE_KEY
          + " (the PEM text itself, its base64, or a path).";

  static final String BASE_URL_HELP =
      "Which GitHub: github.com's API by default; GitHub Enterprise Server by its URL (with"
          + " or without /api/v3); the emulator by the URL it prints. Env: "
          + BASE_URL
          + ".";

  static final String TIMEOUT_HELP =
      "How long a request to GitHub may take in all, retries included (connecting: at most"
          + " 10s of it), e.g. 10s or 1m. Default: 30s. Env: "
          + TIMEOUT
          + ".";

  static final String TOKEN_STORE_HELP =
      "Share tokens with every process using this Redis (redis://HOST:PORT, rediss:// for"
          + " TLS) instead of the disk cache, sealed with the base64 AES key in "
          + SharedTokenStore.KEY
          + ". Env: "
          + SharedTokenStore.STORE
          + ".";

  /** Long enough for a slow GitHub and its retries, short enough that Git is not left hanging. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The JDK default client's connect timeout, which the library keeps unless told otherwise. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Option(names = "--app-id", paramLabel = "ID", order = 1, description = APP_ID_HELP)
  Long appId;

  @Option(names = "--client-id", paramLabel = "ID", order = 2, description = CLIENT_ID_HELP)
  String clientId;

  @Option(names = "--private-key", paramLabel = "FILE", order = 3, description = PRIVATE_KEY_HELP)
  String privateKey;

  @Option(names = "--base-url", paramLabel = "URL", order = 4, description = BASE_URL_HELP)
  String baseUrl;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      order = 5,
      converter = DurationConverter.class,
      description = TIMEOUT_HELP)
  Duration timeout;

  @Option(names = "--token-store", paramLabel = "URI", order = 6, description = TOKEN_STORE_HELP)
  String tokenStore;

  /** The deadline given by option or environment, or the default. */
  Duration timeout(Environment env) {
    Duration chosen = timeout;
    String from = "--timeout";
    if (chosen == null && env.variable(TIMEOUT) != null) {
      from = TIMEOUT;
      try {
        chosen = new DurationConverter().convert(env.variable(TIMEOUT));
      } catch (RuntimeException e) {
        throw CliException.usage(TIMEOUT + ": " + e.getMessage());
      }
    }
    if (chosen == null) {
      return DEFAULT_TIMEOUT;
    }
    if (chosen.isZero() || chosen.isNegative() || chosen.compareTo(Duration.ofMinutes(10)) > 0) {
      throw CliException.usage(
          from
              + " must be more than 0 and at most 10m, e.g. 10s or 1m; got "
              + chosen.toSeconds()
              + "s");
    }
    return chosen;
  }

  /** The base URL given by option or environment, or null for github.com. */
  String baseUrl(Environment env) {
    return baseUrl != null ? baseUrl : env.variable(BASE_URL);
  }

  /**
   * Builds the app, checking every input with a message naming the option or variable it came from.
   *
   * @param cacheDirectory where tokens and installation ids are cached, or null for no disk cache
   */
  Session connect(Environment env, Path cacheDirectory) {
    return connect(env, cacheDirectory, null);
  }

  /**
   * Like {@link #connect(Environment, Path)}; a cache directory that cannot be used is skipped with
   * one warning on {@code err}.
   */
  Session connect(Environment env, Path cacheDirectory, PrintWriter err) {
    // No transport: the library's default client is built on the first request, so a command
    // answered from the disk cache never pays for an HttpClient (TLS set-up, a selector thread).
    Duration deadline = timeout(env);
    GitHubAppBuilder builder = GitHubApp.builder().clock(env.clock()).deadline(deadline);
    HttpClient ownClient = null;
    if (deadline.compareTo(CONNECT_TIMEOUT) < 0) {
      // Only then a client of ghapp's own: the library's default is built lazily, which a command
      // answered from the cache is glad of.
      ownClient = HttpClient.newBuilder().connectTimeout(deadline).build();
      builder.httpClient(ownClient);
    }
    String appKey = identify(builder, env);
    byte[] keyMaterial = loadKey(builder, env);
    String url = baseUrl(env);
    if (url != null) {
      String from = baseUrl != null ? "--base-url" : BASE_URL;
      checked(from, () -> builder.baseUrl(url));
    }
    FileTokenStore store = null;
    InstallationCache installations = null;
    String shared = tokenStore != null ? tokenStore : env.variable(SharedTokenStore.STORE);
    if (shared != null && !shared.isBlank()) {
      String from = tokenStore != null ? "--token-store" : SharedTokenStore.STORE;
      builder.tokenStore(SharedTokenStore.open(from, shared.strip(), env, err));
    }
    if (cacheDirectory != null) {
      CacheTrouble trouble = new CacheTrouble(cacheDirectory, err);
      try {
        // Owner-only from the top: createDirectories would make ghapp/ with the umask (0755).
        PrivateFiles.directory(cacheDirectory);
        installations = new InstallationCache(cacheDirectory.resolve("installations"), trouble);
        if (shared == null || shared.isBlank()) {
          store = new FileTokenStore(cacheDirectory.resolve("tokens"), keyMaterial, trouble);
          builder.tokenStore(store);
        }
      } catch (UncheckedIOException e) {
        trouble.warn(e);
      }
    }
    return new Session(builder.build(), appKey, store, installations, deadline, ownClient);
  }

  private String identify(GitHubAppBuilder builder, Environment env) {
    if (appId != null || clientId != null) {
      if (appId != null && clientId != null) {
        throw CliException.usage(
            "--app-id and --client-id are both given. Pass one of them (the client ID is"
                + " recommended)");
      }
      if (clientId != null) {
        checked("--client-id", () -> builder.clientId(clientId));
        return clientId;
      }
      checked("--app-id", () -> builder.appId(appId));
      return Long.toString(appId);
    }
    String envClientId = env.variable(CLIENT_ID);
    String envAppId = env.variable(APP_ID);
    if (envClientId != null && envAppId != null) {
      throw CliException.usage(
          CLIENT_ID
              + " and "
              + APP_ID
              + " are both set. Unset one of them, or pass"
              + " --client-id or --app-id");
    }
    if (envClientId != null) {
      checked(CLIENT_ID, () -> builder.clientId(envClientId.strip()));
      return envClientId.strip();
    }
    if (envAppId != null) {
      long id;
      try {
        id = Long.parseLong(envAppId.strip());
      } catch (NumberFormatException e) {
        throw CliException.usage(
            APP_ID
                + " '"
                + envAppId.strip()
                + "' is not a number. Set it to the app's"
                + " numeric ID, or set "
                + CLIENT_ID
                + " to its client ID instead");
      }
      checked(APP_ID, () -> builder.appId(id));
      return Long.toString(id);
    }
    throw CliException.usage(
        "no app given. Pass --client-id (or --app-id), or set "
            + CLIENT_ID
            + " (or "
            + APP_ID
            + "); both are on the app's settings page");
  }

  /**
   * Gives the builder the key and returns its bytes, from which the token cache's key is derived.
   */
  private byte[] loadKey(GitHubAppBuilder builder, Environment env) {
    if ("-".equals(privateKey)) {
      String pem = env.readStdin("the private key");
      checked("the private key on standard input", () -> builder.privateKey(pem));
      return pem.getBytes(StandardCharsets.UTF_8);
    }
    if (privateKey != null) {
      return fromFile(builder, privateKey, "--private-key");
    }
    String fromEnv = env.variable(PRIVATE_KEY);
    if (fromEnv == null) {
      throw CliException.usage(
          "no private key given. Pass --private-key FILE ('-' for standard input), or"
              + " set "
              + PRIVATE_KEY
              + " to the key's PEM text or path");
    }
    if (looksLikeKey(fromEnv)) {
      checked(PRIVATE_KEY, () -> builder.privateKey(fromEnv));
      return fromEnv.getBytes(StandardCharsets.UTF_8);
    }
    return fromFile(builder, fromEnv.strip(), PRIVATE_KEY);
  }

  private static byte[] fromFile(GitHubAppBuilder builder, String path, String from) {
    if (looksLikeKey(path)) {
      // Never echo it: this "path" is the key itself, and on a command line every local user can
      // read it (ps), so it is refused rather than used.
      throw CliException.usage(
          from
              + " takes the path of the key file, not the key (the value given, "
              + path.strip().length()
              + " characters, looks like a key). Pass the file's path, or '-' and the key on standard"
              + " input, or put the key (PEM or base64) in "
              + PRIVATE_KEY);
    }
    Path file = Path.of(path);
    checked(from, () -> builder.privateKey(file)); // the library names what is wrong with the file
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(64 << 10); // the library checked it is a regular file of at most that
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the private key file " + file, e);
    }
  }

  /**
   * Whether {@code value} is shaped like key material rather than a path: PEM armour, a line break
   * (real or written as backslash-n), or long base64 (a base64-encoded PEM or DER key, or a PEM
   * body without its armour lines). Decided by shape alone so that a mistyped path is still named
   * in the error while a key is never echoed; no path anyone types is 128 characters of pure
   * base64.
   */
  static boolean looksLikeKey(String value) {
    if (value.contains("-----BEGIN") || value.contains("\n") || value.contains("\\n")) {
      return true;
    }
    String s = value.strip();
    return s.length() >= 128 && BASE64.matcher(s).matches();
  }

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\-_\\s]+={0,2}\\s*");

  /**
   * Runs a builder setter, turning its complaint into a usage error that names where the value came
   * from.
   */
  private static void checked(String from, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(from + ": " + ErrorReporter.lowerFirst(e.getMessage()), e);
    }
  }
}
