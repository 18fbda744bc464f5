package io.github.ghapp.bench;

import io.github.ghapp.auth.EndpointNeed;
import io.github.ghapp.auth.EndpointPermissions;
import io.github.ghapp.auth.PermissionSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What asking GitHub's permission table costs per call: an endpoint to the permission sets it needs
 * ({@link EndpointPermissions#need}), as a template, as a concrete path matched to its template,
 * and as a deep {@code contents/{path}} whose last placeholder spans segments; reading an {@code
 * X-Accepted-GitHub-Permissions} header with alternatives. The table itself is read once, in
 * set-up.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar EndpointPermissionsBenchmark
 * </pre>
 *
 * <p>Average time per call in nanoseconds; no peer, since no other client library reads this table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EndpointPermissionsBenchmark {
  private EndpointPermissions catalog;

  @Setup
  public void readTheTable() {
    catalog = EndpointPermissions.githubCom();
    catalog.need("GET /meta");
  }

  @Benchmark
  public EndpointNeed need_template() {
    return catalog.need("POST /repos/{owner}/{repo}/issues");
  }

  @Benchmark
  public EndpointNeed need_concretePath() {
    return catalog.need("GET /repos/octo-org/hello-world/issues/1347/comments");
  }

  @Benchmark
  public EndpointNeed need_deepContentsPath() {
    return catalog.need("GET /repos/octo-org/hello-world/contents/src/main/java/io/App.java");
  }

  @Benchmark
  public PermissionSet leastCovering_threeEndpoints() {
    return catalog.leastCovering(
        List.of(
            "POST /repos/{owner}/{repo}/check-runs",
            "GET /repos/{owner}/{repo}/contents/{path}",
            "PATCH /repos/{owner}/{repo}/issues/{issue_number}"));
  }

  @Benchmark
  public List<PermissionSet> parseAcceptedHeader() {
    return PermissionSet.parseAlternatives(
        "pull_requests=read,contents=read; issues=read,contents=read");
  }
}
