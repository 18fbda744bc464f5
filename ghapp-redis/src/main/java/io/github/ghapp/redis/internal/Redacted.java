package io.github.ghapp.redis.internal;

import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Says where Redis is and what went wrong without a password, whatever Lettuce put in a text. */
public final class Redacted {
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@\\s]*@");

  private Redacted() {}

  /** A URI as text with any {@code user:password@} replaced. */
  public static String uri(String uri) {
    return USER_INFO.matcher(uri).replaceAll("***@");
  }

  /** Scheme, hosts and ports (and the Sentinel master), never the credentials. */
  public static String uri(RedisURI uri) {
    if (!uri.getSentinels().isEmpty()) {
      return (uri.isSsl() ? "rediss-sentinel://" : "redis-sentinel://")
          + uri.getSentinels().stream()
              .map(s -> s.getHost() + ":" + s.getPort())
              .collect(Collectors.joining(","))
          + "#"
          + uri.getSentinelMasterId();
    }
    if (uri.getSocket() != null) {
      return "redis-socket://" + uri.getSocket();
    }
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
  }

  public static String uris(List<RedisURI> uris) {
    return uris.stream().map(Redacted::uri).collect(Collectors.joining(",", "cluster[", "]"));
  }

  /**
   * What went wrong, for a log line: the exception's kind and message, with {@code secrets} (the
   * passwords this store knows of) and any URI credentials masked.
   */
  public static String describe(Throwable error, List<String> secrets) {
    String text = kindAndMessage(error);
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != error) {
      text += " (" + kindAndMessage(root) + ")";
    }
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        text = text.replace(secret, "****");
      }
    }
    return uri(text);
  }

  private static String kindAndMessage(Throwable error) {
    return error.getClass().getSimpleName()
        + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }
}
