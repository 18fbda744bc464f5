package io.github.ghapp.emulator.internal.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the global ids the emulator hands out ({@code Representations.nodeId}: base64 of {@code
 * 0<length>:<Type><databaseId>}, GitHub's legacy format), for {@code node(id:)}. An id that is not
 * one of them reads as null, which the caller answers with GitHub's NOT_FOUND.
 */
final class NodeIds {

  record Decoded(String type, long id) {}

  private NodeIds() {}

  static Decoded decode(String id) {
    String raw;
    try {
      raw = new String(Base64.getDecoder().decode(id), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = raw.indexOf(':');
    if (!raw.startsWith("0") || colon < 2) {
      return null;
    }
    try {
      int length = Integer.parseInt(raw.substring(1, colon));
      String type = raw.substring(colon + 1, colon + 1 + length);
      return new Decoded(type, Long.parseLong(raw.substring(colon + 1 + length)));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }
}
