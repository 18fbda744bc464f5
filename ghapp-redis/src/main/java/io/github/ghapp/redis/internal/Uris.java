package io.github.ghapp.redis.internal;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Redis URIs without letting a password out: a parse error never quotes it, and the passwords
 * found are handed to {@link Redacted} to mask in whatever the store logs.
 */
public final class Uris {
  private static final Pattern USER_INFO = Pattern.compile("^[a-zA-Z+.-]+://([^@/]+)@");

  private Uris() {}

  /** The URI as Lettuce reads it, or a message naming it with its credentials masked. */
  public static RedisURI parse(String uri) {
    try {
      return RedisURI.create(uri);
    } catch (RuntimeException e) {
      // Lettuce's message may quote the URI, password included.
      throw new IllegalArgumentException(
          "'"
              + Redacted.uri(uri)
              + "' is not a Redis URI Lettuce reads ("
              + e.getClass().getSimpleName()
              + "); write redis://[user:password@]host[:port][/database], rediss://... for TLS,"
              + " or redis-sentinel://host:port[,host:port]#master");
    }
  }

  /**
   * A URI string's password, as written and decoded (Lettuce's provider for it answers only
   * reactively): {@code user:password@} or Lettuce's {@code password@}.
   */
  public static List<String> passwords(String uri) {
    List<String> found = new ArrayList<>();
    Matcher userInfo = USER_INFO.matcher(uri);
    if (userInfo.find()) {
      String info = userInfo.group(1);
      String password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
      found.add(password);
      try {
        found.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not percent-encoded: the raw form is enough
      }
    }
    return found;
  }

  /**
   * The passwords of a {@link RedisURI} built in code (and of its Sentinels) whose provider answers
   * at once; one that fetches them later (from a vault, say) is not asked.
   */
  public static List<String> passwords(RedisURI uri) {
    List<String> found = new ArrayList<>();
    RedisCredentialsProvider provider = uri.getCredentialsProvider();
    if (provider instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider immediate) {
      RedisCredentials credentials = immediate.resolveCredentialsNow();
      if (credentials != null && credentials.hasPassword()) {
        found.add(new String(credentials.getPassword()));
      }
    }
    uri.getSentinels().forEach(sentinel -> found.addAll(passwords(sentinel)));
    return found;
  }
}
