package io.github.ghapp.emulator.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of the state file (an app, an account, a repository, an installation) read field by
 * field with the types the format documents. A wrong type is refused rather than coerced: {@code
 * suspended: "yes"} read as false, or {@code id: abc} as 0, would silently change what a test runs
 * against. Messages say what is wrong and what would be right; {@link StateLoader} puts where in
 * front of them.
 */
final class StateFields {

  private final JsonNode node;

  private StateFields(JsonNode node) {
    this.node = node;
  }

  /**
   * @param example how such a mapping looks, for the message when {@code node} is not one
   * @param known the keys it may have; any other is refused, naming it
   */
  static StateFields of(JsonNode node, String example, Set<String> known) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be a mapping such as " + example + ", not " + node);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown key '"
                + name
                + "'; known keys: "
                + new TreeSet<>(known)
                + "; correct its spelling or remove it");
      }
    }
    return new StateFields(node);
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  /** A positive whole number. */
  long requiredId(String field) {
    if (!has(field)) {
      throw new IllegalArgumentException("'" + field + "' is missing; give a positive integer");
    }
    return id(field);
  }

  /** A positive whole number, or null when absent. */
  Long optionalId(String field) {
    return has(field) ? id(field) : null;
  }

  private long id(String field) {
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a positive integer, not " + value);
    }
    return value.asLong();
  }

  String requiredText(String field) {
    String value = text(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return value;
  }

  /** A string (a number is taken as its text, e.g. a slug {@code 2048}), or null when absent. */
  String text(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("'" + field + "' must be a string, not " + value);
    }
    return value.asText();
  }

  boolean bool(String field, boolean absent) {
    if (!has(field)) {
      return absent;
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("'" + field + "' must be true or false, not " + value);
    }
    return value.asBoolean();
  }

  /** A string or a list of strings; empty when absent. */
  List<String> texts(String field) {
    List<String> items = new ArrayList<>();
    if (!has(field)) {
      return items;
    }
    JsonNode value = node.get(field);
    if (value.isValueNode()) {
      items.add(value.asText());
      return items;
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a string or a list of strings, not " + value);
    }
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.isNull()) {
        throw new IllegalArgumentException(
            "'" + field + "' must be a list of strings, but holds " + item);
      }
      items.add(item.asText());
    }
    return items;
  }

  /** A list; empty when absent. */
  List<JsonNode> list(String field, String example) {
    List<JsonNode> items = new ArrayList<>();
    if (!has(field)) {
      return items;
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a list such as " + example + ", not " + value);
    }
    value.forEach(items::add);
    return items;
  }

  /** A mapping of names to strings such as {@code {contents: read}}; empty when absent. */
  Map<String, String> mapping(String field) {
    Map<String, String> map = new LinkedHashMap<>();
    if (!has(field)) {
      return map;
    }
    JsonNode value = node.get(field);
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a mapping such as {contents: read}, not " + value);
    }
    value
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                    "'"
                        + field
                        + "' must map names to strings such as read, but '"
                        + e.getKey()
                        + "' is "
                        + e.getValue());
              }
              map.put(e.getKey(), e.getValue().asText());
            });
    return map;
  }

  JsonNode node(String field) {
    return node.get(field);
  }
}
