package io.github.ghapp.auth.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * ghapp's version, from a resource Maven fills in at build time, so it is written down in one
 * place.
 */
final class Version {
  private static final String VERSION = load();
  private static final String USER_AGENT = "ghapp/" + VERSION + " (+https://github.com/ghapp)";

  private Version() {}

  static String get() {
    return VERSION;
  }

  /** The User-Agent ghapp sends. */
  static String userAgent() {
    return USER_AGENT;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
