package io.github.ghapp.auth.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JsonTreesTest {
  private static final List<String> BODIES =
      List.of(
          "{\"token\":\"ghs_x\",\"expires_at\":\"2026-12-02T04:00:00Z\",\"permissions\":"
              + "{\"contents\":\"read\"},\"repositories\":[{\"id\":1,\"private\":false}]}",
          "[1, 2147483648, 123456789012345678901234567890, -0.5, 1e3, true, false, null]",
          "{\"a\":1,\"a\":{\"b\":[]},\"\\u00e9t\\u00e9\":\"\\\"quoted\\\"\\n\"}",
          "\"text\"",
          "42",
          "  {}  ",
          "{} trailing");

  @Test
  void parseBody_readsAsTheMapperDoes() throws Exception {
    for (String body : BODIES) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

      assertThat(Json.parseBody(bytes)).as(body).isEqualTo(Json.mapper().readTree(bytes));
    }
  }

  @Test
  void parseBody_notJsonOrBlank_isTheTextOrMissing() {
    assertThat(Json.parseBody("<html>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(TextNode.valueOf("<html>"));
    assertThat(Json.parseBody("{\"a\":".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(TextNode.valueOf("{\"a\":"));
    assertThat(Json.parseBody("   ".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(MissingNode.getInstance());
  }

  @Test
  void write_writesTheBytesTheMapperWrites() throws Exception {
    for (String body : BODIES) {
      JsonNode tree = Json.mapper().readTree(body);

      assertThat(Json.write(tree)).as(body).isEqualTo(Json.mapper().writeValueAsBytes(tree));
    }
  }

  @Test
  void write_nodeThatIsNotPlain_goesThroughTheMapper() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putPOJO("when", List.of(1, 2));
    tree.put("bytes", new byte[] {1, 2, 3});

    assertThat(new String(Json.write(tree), StandardCharsets.UTF_8))
        .isEqualTo("{\"when\":[1,2],\"bytes\":\"AQID\"}");
  }

  @Test
  void tree_buildsTheTreeTheMapperBuilds() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("repositories", List.of("a", "b"));
    params.put("repository_ids", new TreeSet<>(List.of(3L, 1L)));
    params.put("permissions", new TreeMap<>(Map.of("issues", "write", "contents", "read")));
    params.put("count", 7);
    params.put("draft", true);
    params.put("nothing", null);

    assertThat(Json.tree(params)).isEqualTo(Json.mapper().valueToTree(params));
  }

  @Test
  void tree_valuesThatAreNotPlain_asTheMapperMakesThem() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("ratio", 0.5);
    params.put("nested", Map.of(1, "numeric key"));

    assertThat(Json.tree(params)).isEqualTo(Json.mapper().valueToTree(params));
  }
}
