package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenStore;
import io.github.ghapp.redis.RedisTokenStore;
import java.io.PrintWriter;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --token-store redis://HOST:PORT} ({@code GHAPP_TOKEN_STORE}): the installation tokens of a
 * whole fleet of build agents in one Redis, sealed with the key in {@code GHAPP_TOKEN_STORE_KEY},
 * instead of each machine's disk cache, so that the fleet mints once per installation and scope.
 */
final class SharedTokenStore {
  static final String STORE = "GHAPP_TOKEN_STORE";
  static final String KEY = "GHAPP_TOKEN_STORE_KEY";
  private static final String MAKE_ONE =
      "make one with 'openssl rand -base64 32' and give every agent the same";

  private SharedTokenStore() {}

  /**
   * Opens the store {@code uri} names ({@code from}: the option or variable it came from); every
   * mistake is a usage error that never repeats the key or a password.
   */
  static TokenStore open(String from, String uri, Environment env) {
    return open(from, uri, env, null);
  }

  /**
   * Like {@link #open(String, String, Environment)}; when the store stops answering, one warning on
   * {@code err} (when not null) says the command goes on without it.
   */
  static TokenStore open(String from, String uri, Environment env, PrintWriter err) {
    String scheme = uri.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("redis://")
        && !scheme.startsWith("rediss://")
        && !scheme.startsWith("redis-sentinel://")) {
      throw CliException.usage(
          from
              + " must be a Redis URI: redis://HOST:PORT, rediss://HOST:PORT for TLS, or"
              + " redis-sentinel://HOST:26379#MASTER (a password as redis://:PASSWORD@HOST:PORT)");
    }
    String key = env.variable(KEY);
    if (key == null || key.isBlank()) {
      throw CliException.usage(
          from + " needs the tokens' sealing key in " + KEY + " (a base64 AES key): " + MAKE_ONE);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          KEY + " is not base64 (" + key.strip().length() + " characters): " + MAKE_ONE);
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw CliException.usage(
          KEY + " holds " + bytes.length + " bytes, and an AES key has 16, 24 or 32: " + MAKE_ONE);
    }
    try {
      return RedisTokenStore.builder()
          .uri(uri)
          .sealingKey(bytes)
          .listener(err == null ? GitHubAppListener.NONE : warnOnce(err))
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CliException.usage(from + ": " + ErrorReporter.lowerFirst(e.getMessage()), e);
    }
  }

  /** The command still gets its token (minted here): say so once, as for an unusable disk cache. */
  private static GitHubAppListener warnOnce(PrintWriter err) {
    AtomicBoolean told = new AtomicBoolean();
    return new GitHubAppListener() {
      @Override
      public void tokenStoreUnavailable(String store, String problem) {
        if (told.compareAndSet(false, true)) {
          err.println(
              "ghapp: warning: the token store "
                  + store
                  + " does not answer ("
                  + problem
                  + "); going on without it, so this token is not shared.");
          err.flush();
        }
      }
    };
  }
}
