package io.github.ghapp.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a Git host ({@code HOST[:PORT]}) is this machine, where plain http cannot be overheard:
 * the whole host compared exactly, never by prefix ({@code 127.0.0.1.evil.com} is a DNS name anyone
 * can point anywhere).
 */
final class LoopbackHosts {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

  private LoopbackHosts() {}

  /** True for {@code 127.0.0.0/8} literals, {@code [::1]} and {@code localhost}, with any port. */
  static boolean isLoopback(String hostAndPort) {
    String s = hostAndPort.toLowerCase(Locale.ROOT);
    String host;
    String rest;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = s.substring(1, close);
      rest = s.substring(close + 1);
      return (rest.isEmpty() || PORT.matcher(rest).matches())
          && (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1"));
    }
    int colon = s.indexOf(':');
    host = colon < 0 ? s : s.substring(0, colon);
    rest = colon < 0 ? "" : s.substring(colon);
    if (!rest.isEmpty() && !PORT.matcher(rest).matches()) {
      return false;
    }
    if (host.equals("localhost")) {
      return true;
    }
    Matcher ip = IPV4.matcher(host);
    if (!ip.matches() || !ip.group(1).equals("127")) {
      return false;
    }
    for (int i = 2; i <= 4; i++) {
      if (Integer.parseInt(ip.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
