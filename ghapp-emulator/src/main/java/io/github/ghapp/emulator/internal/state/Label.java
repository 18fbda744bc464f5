package io.github.ghapp.emulator.internal.state;

import java.util.Objects;

/**
 * A repository's label. Names are unique per repository whatever their case, as on GitHub.
 *
 * @param color six hex digits without {@code #}
 * @param isDefault one of the labels GitHub gives every new repository
 */
public record Label(
    long id, long repositoryId, String name, String color, String description, boolean isDefault) {

  public Label {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(color, "color");
  }
}
