package io.github.ghapp.emulator.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's per-run credential: 32 random bytes, so that another local user or a web page
 * that can reach the port still cannot ask for private keys. Never logged.
 */
final class AdminToken {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminToken() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "ghemu_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
