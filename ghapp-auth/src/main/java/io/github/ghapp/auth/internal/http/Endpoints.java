package io.github.ghapp.auth.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The REST and GraphQL URLs of one GitHub, derived from one base URL the way GitHub lays them out:
 *
 * <ul>
 *   <li>{@code https://api.github.com} (and {@code https://api.SUBDOMAIN.ghe.com}): REST at the
 *       root, GraphQL at {@code /graphql};
 *   <li>GitHub Enterprise Server, given as {@code https://HOST} or {@code https://HOST/api/v3}:
 *       REST at {@code /api/v3}, GraphQL at {@code /api/graphql};
 *   <li>a loopback host without a path (the emulator): REST at the root, GraphQL at {@code
 *       /graphql};
 *   <li>any other path (a proxy): REST there, GraphQL at {@code <path>/graphql}.
 * </ul>
 */
public record Endpoints(URI rest, URI graphql) {
  /**
   * A scheme (with or without {@code //}) and then user info up to the last {@code @} before any
   * path.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*:(?://)?)[^/]*@");

  public static Endpoints of(URI base) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!base.isAbsolute()
        || !(scheme.equals("https") || scheme.equals("http"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl '"
              + redact(base.toString())
              + "' must be an absolute"
              + " http(s) URL such as https://api.github.com or https://ghe.example.com/api/v3");
    }
    if (base.getRawQuery() != null
        || base.getRawFragment() != null
        || base.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl '"
              + redact(base.toString())
              + "' must not carry"
              + " credentials, a query or a fragment; give only the scheme, host, port and path");
    }
    String host = base.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "baseUrl '"
              + base
              + "' uses plain http, which would send the app's"
              + " JWTs and tokens in clear; use https (plain http is only allowed to 127.0.0.1/localhost)");
    }
    if (host.equals("github.com") || host.equals("www.github.com")) {
      throw new IllegalArgumentException(
          "baseUrl '"
              + base
              + "' is GitHub's website; its API is at"
              + " https://api.github.com (the default, so baseUrl can be left out)");
    }
    String origin = scheme + "://" + base.getRawAuthority();
    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    if (path.endsWith("/api/v3")) {
      String prefix = path.substring(0, path.length() - "/api/v3".length());
      return new Endpoints(URI.create(origin + path), URI.create(origin + prefix + "/api/graphql"));
    }
    if (path.isEmpty() && !host.startsWith("api.") && !isLoopback(host)) {
      return new Endpoints(URI.create(origin + "/api/v3"), URI.create(origin + "/api/graphql"));
    }
    return new Endpoints(URI.create(origin + path), URI.create(origin + path + "/graphql"));
  }

  /** {@code path} (which may carry a query) under the REST base. */
  URI resolve(String pathAndQuery) {
    return URI.create(rest + pathAndQuery);
  }

  /**
   * Whether {@code uri} is on the same scheme, host and port as this GitHub: only there may
   * credentials go.
   */
  boolean isSameOrigin(URI uri) {
    return uri.getScheme() != null
        && uri.getScheme().equalsIgnoreCase(rest.getScheme())
        && uri.getHost() != null
        && uri.getHost().equalsIgnoreCase(rest.getHost())
        && port(uri) == port(rest);
  }

  /**
   * How messages name the server {@code uri} points to: {@code host:port}, the port spelled out
   * even when it is the scheme's default, and never the user info, path or query, which may carry
   * secrets.
   */
  static String hostAndPort(URI uri) {
    return uri.getHost() == null ? "(no host)" : uri.getHost() + ":" + port(uri);
  }

  /**
   * {@code url} fit for a message: without a query or fragment, and without anything before an
   * {@code @} in its authority (user info), even when it does not parse as a URL.
   */
  public static String redact(String url) {
    String s = url.strip();
    int cut = indexOfAny(s, '?', '#');
    if (cut >= 0) {
      s = s.substring(0, cut) + "?...";
    }
    return USER_INFO.matcher(s).replaceFirst("$1");
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]")
        || host.equals("::1");
  }
}
