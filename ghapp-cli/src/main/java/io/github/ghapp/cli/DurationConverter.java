package io.github.ghapp.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people write them: {@code 45m}, {@code 1h}, {@code 90s}, {@code 1h30m}, or ISO
 * {@code PT45M}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (text.equals("0")) {
      return Duration.ZERO; // no unit needed for nothing; refusals say "0 to 55m"
    }
    Matcher m = SHORT.matcher(text);
    if (!text.isEmpty() && m.matches()) {
      return Duration.ofHours(number(m.group(1)))
          .plusMinutes(number(m.group(2)))
          .plusSeconds(number(m.group(3)));
    }
    try {
      return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write it like 45m," + " 1h, 90s or 1h30m");
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
