package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.assertj.core.api.ListAssert;

final class JsonAssert {
  private JsonAssert() {}

  /** The {@code name} of each item. */
  static ListAssert<String> names(List<JsonNode> items) {
    return assertThat(items.stream().map(i -> i.path("name").asText()).toList());
  }
}
