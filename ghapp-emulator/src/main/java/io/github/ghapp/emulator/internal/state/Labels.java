package io.github.ghapp.emulator.internal.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of every repository. Each repository starts with GitHub's nine default labels (with
 * GitHub's colours and descriptions); a label named on an issue that the repository lacks is
 * created on first use with GitHub's grey {@code ededed} and no description, as GitHub does when
 * the issues API is given an unknown name (observed, not documented: unconfirmed). Names match
 * whatever their case.
 *
 * <p>Thread safety: only used under the lock of {@link Issues}.
 */
final class Labels {

  /** GitHub's defaults for a new repository: name, colour, description. */
  private static final String[][] DEFAULTS = {
    {"bug", "d73a4a", "Something isn't working"},
    {"documentation", "0075ca", "Improvements or additions to documentation"},
    {"duplicate", "cfd3d7", "This issue or pull request already exists"},
    {"enhancement", "a2eeef", "New feature or request"},
    {"good first issue", "7057ff", "Good for newcomers"},
    {"help wanted", "008672", "Extra attention is needed"},
    {"invalid", "e4e669", "This doesn't seem right"},
    {"question", "d876e3", "Further information is requested"},
    {"wontfix", "ffffff", "This will not be worked on"},
  };

  static final String CREATED_ON_USE_COLOR = "ededed";

  private static final long FIRST_LABEL_ID = 3_000_000_001L;

  private final Map<Long, Map<String, Label>> byRepository = new HashMap<>();
  private long nextId = FIRST_LABEL_ID;

  List<Label> all(long repositoryId) {
    return new ArrayList<>(of(repositoryId).values());
  }

  Optional<Label> find(long repositoryId, String name) {
    return Optional.ofNullable(of(repositoryId).get(key(name)));
  }

  /** The labels of these names, creating the missing ones; duplicates named once. */
  List<Label> resolve(long repositoryId, List<String> names) {
    Map<String, Label> labels = of(repositoryId);
    Map<String, Label> resolved = new LinkedHashMap<>();
    for (String name : names) {
      Label label =
          labels.computeIfAbsent(
              key(name),
              k -> new Label(nextId++, repositoryId, name, CREATED_ON_USE_COLOR, null, false));
      resolved.putIfAbsent(label.name(), label);
    }
    return new ArrayList<>(resolved.values());
  }

  /**
   * @throws IllegalStateException when a label of that name exists
   */
  Label create(long repositoryId, String name, String color, String description) {
    Map<String, Label> labels = of(repositoryId);
    if (labels.containsKey(key(name))) {
      throw new IllegalStateException("label " + name + " exists");
    }
    Label label = new Label(nextId++, repositoryId, name, color, description, false);
    labels.put(key(name), label);
    return label;
  }

  private Map<String, Label> of(long repositoryId) {
    return byRepository.computeIfAbsent(
        repositoryId,
        id -> {
          Map<String, Label> labels = new LinkedHashMap<>();
          for (String[] d : DEFAULTS) {
            labels.put(d[0], new Label(nextId++, id, d[0], d[1], d[2], true));
          }
          return labels;
        });
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
