package io.github.ghapp.auth.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read, written and built with Jackson's streaming API alone, as {@code ObjectMapper}
 * would for the plain values GitHub's answers and ghapp's requests hold. Setting up an {@code
 * ObjectMapper} (its date format loads the locale's calendar data) is a fifth of a command-line
 * token mint's start; nothing here touches it, and whatever is not plain goes to {@link
 * Json#mapper()}.
 */
final class JsonTrees {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The tree of {@code body}, or null when it holds no value (only whitespace). */
  static JsonNode read(byte[] body) throws IOException {
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken first = parser.nextToken();
      return first == null ? null : value(parser, first);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
          String name = p.currentName();
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          array.add(value(p, n));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /** The JSON of {@code tree}, or null when it holds a node that is not plain JSON. */
  static byte[] write(JsonNode tree) throws IOException {
    if (!isPlain(tree)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, tree);
    }
    return out.toByteArray();
  }

  private static boolean isPlain(JsonNode node) {
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (!isPlain(child)) {
          return false;
        }
      }
      return true;
    }
    return node.isTextual() || node.isBoolean() || node.isNull() || node.isIntegralNumber();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode child : node) {
        write(g, child);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isNull()) {
      g.writeNull();
    } else if (node.isInt()) {
      g.writeNumber(node.intValue());
    } else if (node.isLong()) {
      g.writeNumber(node.longValue());
    } else {
      g.writeNumber(node.bigIntegerValue());
    }
  }

  /**
   * The tree of a map of plain values (strings, booleans, ints and longs, and maps with string keys
   * and collections of them), or null when it holds anything else.
   */
  static ObjectNode tree(Map<?, ?> map) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        return null;
      }
      JsonNode value = plain(e.getValue());
      if (value == null) {
        return null;
      }
      object.set(name, value);
    }
    return object;
  }

  private static JsonNode plain(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof String s) {
      return NODES.textNode(s);
    } else if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (v instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (v instanceof Long l) {
      return NODES.numberNode(l);
    } else if (v instanceof Map<?, ?> m) {
      return tree(m);
    } else if (v instanceof Collection<?> c) {
      ArrayNode array = NODES.arrayNode();
      for (Object item : c) {
        JsonNode node = plain(item);
        if (node == null) {
          return null;
        }
        array.add(node);
      }
      return array;
    }
    return null;
  }
}
