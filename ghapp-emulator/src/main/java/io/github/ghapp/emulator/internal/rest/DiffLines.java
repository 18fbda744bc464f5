package io.github.ghapp.emulator.internal.rest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a review comment lands in a file's patch: GitHub's {@code position} (lines down from the
 * file's first {@code @@} header, later headers counted too) and its {@code diff_hunk} (the hunk's
 * header down to that line), for a line of the head ({@code RIGHT}) or of the base ({@code LEFT}),
 * or for a position given directly (the older API).
 */
final class DiffLines {

  private static final Pattern HUNK =
      Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  /** A line found in the patch. */
  record Spot(int position, int line, String side, String diffHunk) {}

  private DiffLines() {}

  /** The spot of {@code line} on {@code side}, if the patch shows it. */
  static Optional<Spot> ofLine(String patch, int line, String side) {
    return find(patch, line, side, -1);
  }

  /** The spot at {@code position}, on the side that line belongs to. */
  static Optional<Spot> ofPosition(String patch, int position) {
    return find(patch, -1, null, position);
  }

  private static Optional<Spot> find(String patch, int line, String side, int wantedPosition) {
    if (patch == null) {
      return Optional.empty();
    }
    String[] lines = patch.split("\n", -1);
    int position = -1;
    int oldLine = 0;
    int newLine = 0;
    int hunkStart = 0;
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i];
      position++;
      Matcher hunk = HUNK.matcher(text);
      if (hunk.find()) {
        oldLine = Integer.parseInt(hunk.group(1));
        newLine = Integer.parseInt(hunk.group(2));
        hunkStart = i;
        continue;
      }
      boolean added = text.startsWith("+");
      boolean removed = text.startsWith("-");
      int atOld = removed || !added ? oldLine : -1;
      int atNew = added || !removed ? newLine : -1;
      oldLine += added ? 0 : 1;
      newLine += removed ? 0 : 1;
      String spotSide = removed ? "LEFT" : "RIGHT";
      boolean hit =
          wantedPosition >= 0
              ? position == wantedPosition
              : "LEFT".equals(side) ? atOld == line : atNew == line;
      if (hit) {
        String hunkText = String.join("\n", java.util.Arrays.copyOfRange(lines, hunkStart, i + 1));
        int spotLine = wantedPosition >= 0 ? (removed ? atOld : atNew) : line;
        return Optional.of(
            new Spot(position, spotLine, wantedPosition >= 0 ? spotSide : side, hunkText));
      }
    }
    return Optional.empty();
  }
}
