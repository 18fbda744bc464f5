package io.github.ghapp.redis.internal;

import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the Redis keys of one {@link TokenKey}: {@code
 * PREFIX{BASE_URL|APP|INSTALLATION|SCOPE}:token} for the sealed token and {@code ...:lease} for the
 * mint lease. The part in braces is a Redis Cluster hash tag, so a token and its lease always share
 * a slot (a script may touch both, and one node answers for both). The base URL, app and
 * installation are readable, so an operator can find an installation's keys with {@code SCAN}; the
 * scope (repositories, ids, permissions, which can be long) is a 64-bit hash. A hash collision
 * cannot hand out another scope's token: the value is sealed with the whole key's {@linkplain
 * TokenKey#id() id} as associated data and does not open under another.
 */
public final class KeyLayout {
  private final String prefix;

  public KeyLayout(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  public byte[] token(TokenKey key) {
    return name(key, "token");
  }

  public byte[] lease(TokenKey key) {
    return name(key, "lease");
  }

  /** The key name as text, for messages and tests; nothing in it is secret. */
  public String tokenName(TokenKey key) {
    return new String(token(key), StandardCharsets.UTF_8);
  }

  private byte[] name(TokenKey key, String what) {
    String tag =
        escape(key.baseUrl())
            + "|"
            + escape(key.app())
            + "|"
            + key.installationId()
            + "|"
            + scopeHash(key.request());
    return (prefix + "{" + tag + "}:" + what).getBytes(StandardCharsets.UTF_8);
  }

  // Braces would end the hash tag early, '|' would blur the parts; '%' keeps the escape one-to-one.
  private static String escape(String part) {
    return part.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace("|", "%7C");
  }

  private static String scopeHash(TokenRequest request) {
    String canonical =
        request.repositories() + "\n" + request.repositoryIds() + "\n" + request.permissions();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
