package io.github.ghapp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain text columns, padded to the widest cell; the last column is never padded. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  void print(PrintWriter out) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
