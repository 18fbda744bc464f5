package io.github.ghapp.auth;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fault soak counts, per phase where it matters, and the one summary block it logs. The
 * findings (what must stay 0) are kept with a first example each, so that a failing run says what
 * went wrong without a debugger.
 */
final class SoakFigures {

  /** Counts of one phase: calls, successes and failures by exception type. */
  static final class Phase {
    final LongAdder calls = new LongAdder();
    final LongAdder successes = new LongAdder();
    final ConcurrentMap<String, LongAdder> typed = new ConcurrentHashMap<>();
    final ConcurrentMap<String, LongAdder> untyped = new ConcurrentHashMap<>();

    long typedTotal() {
      return typed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long untypedTotal() {
      return untyped.values().stream().mapToLong(LongAdder::sum).sum();
    }
  }

  final Phase faulty = new Phase();
  final Phase healthy = new Phase();
  final LongAdder hung = new LongAdder();
  final LongAdder tokensChecked = new LongAdder();
  final LongAdder pastExpiry = new LongAdder();
  final LongAdder wider = new LongAdder();
  final LongAdder unknownTokens = new LongAdder();
  final LongAdder wrongAnswers = new LongAdder();

  /** Not findings: what the library cannot know (a revocation, a jump of GitHub's clock unseen). */
  final LongAdder revokedHandedOut = new LongAdder();

  final LongAdder pastExpiryUnseenSkew = new LongAdder();
  final ConcurrentMap<String, LongAdder> faults = new ConcurrentHashMap<>();

  /** The first message of each typed failure, by type: what the callers were told. */
  final ConcurrentMap<String, String> typedExamples = new ConcurrentHashMap<>();

  /** The first example of each finding, by kind. */
  final ConcurrentMap<String, String> examples = new ConcurrentHashMap<>();

  void fault(String kind, int count) {
    faults.computeIfAbsent(kind, k -> new LongAdder()).add(count);
  }

  void finding(LongAdder counter, String kind, String example) {
    counter.increment();
    examples.putIfAbsent(kind, example);
  }

  static void count(ConcurrentMap<String, LongAdder> byType, String type) {
    byType.computeIfAbsent(type, k -> new LongAdder()).increment();
  }

  String summary(long seed, String bound, long mints, long elapsedMillis) {
    StringBuilder s = new StringBuilder("fault soak figures (seed ").append(seed).append(")\n");
    line(s, "bound", bound + ", " + elapsedMillis + " ms of wall time");
    phase(s, "faults on", faulty);
    phase(s, "faults off", healthy);
    line(s, "hung callers", hung.sum());
    line(s, "tokens checked", tokensChecked.sum());
    line(s, "past expiry", pastExpiry.sum());
    line(s, "wider than asked", wider.sum());
    line(s, "unknown to GitHub", unknownTokens.sum());
    line(s, "wrong answers", wrongAnswers.sum());
    line(
        s,
        "revoked, handed out",
        revokedHandedOut.sum() + " (not a finding: unknowable until used)");
    line(
        s,
        "past expiry, unseen skew",
        pastExpiryUnseenSkew.sum() + " (not a finding: GitHub's clock jumped, unseen yet)");
    line(s, "mints", mints);
    line(s, "faults fired", sorted(faults));
    new TreeMap<>(typedExamples).forEach((type, example) -> line(s, "e.g. " + type, example));
    examples.forEach((kind, example) -> line(s, "first " + kind, example));
    return s.toString();
  }

  private static void phase(StringBuilder s, String name, Phase p) {
    line(
        s,
        name,
        p.calls.sum()
            + " calls, "
            + p.successes.sum()
            + " succeeded within their deadline, "
            + p.typedTotal()
            + " typed failures "
            + sorted(p.typed)
            + ", "
            + p.untypedTotal()
            + " untyped "
            + sorted(p.untyped));
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }

  private static void line(StringBuilder s, String name, Object value) {
    s.append(String.format("  %-26s %s%n", name, value));
  }
}
