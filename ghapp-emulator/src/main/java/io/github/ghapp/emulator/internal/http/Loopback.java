package io.github.ghapp.emulator.internal.http;

import java.util.Locale;

/**
 * Loopback names, compared exactly and never resolved: a name that resolves to 127.0.0.1 today may
 * not tomorrow (DNS rebinding), and {@code 127.0.0.1.evil.example} is not loopback.
 */
public final class Loopback {

  private Loopback() {}

  /** A host as in a URI ({@code [::1]} with brackets, or without). */
  public static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || isIpv4Loopback(h);
  }

  /** 127.0.0.0/8 as a dotted literal. */
  private static boolean isIpv4Loopback(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * A {@code Host} header naming 127.0.0.1, localhost or [::1], with this port or none. A browser
   * sends the name it resolved, so a rebound name is refused.
   */
  static boolean isLoopbackHostHeader(String header, int port) {
    if (header == null) {
      return true; // HTTP/1.0 without Host; browsers always send one
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    String name = h;
    int colon = h.lastIndexOf(':');
    if (colon > h.lastIndexOf(']')) {
      name = h.substring(0, colon);
      if (!h.substring(colon + 1).equals(Integer.toString(port))) {
        return false;
      }
    }
    return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
  }
}
