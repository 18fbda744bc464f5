package io.github.ghapp.bench;

import io.github.ghapp.webhooks.WebhookResult;
import io.github.ghapp.webhooks.WebhookServer;
import io.github.ghapp.webhooks.WebhookSignature;
import io.github.ghapp.webhooks.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Receiving webhooks: how fast signatures are verified, and how long a delivery takes to reach its
 * handler.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar WebhookBenchmark
 * </pre>
 *
 * <p>{@code verify_*} and {@code jdkHmac_*} (throughput): {@link WebhookSignature#verify(byte[],
 * String)} of a correctly signed 10 KB and 25 MB body, and, for reference, the JDK's bare
 * HMAC-SHA256 of the same bytes with a reused {@link Mac}. Each operation is one byte and the unit
 * is operations per microsecond, so the score reads directly as MB/s (10<sup>6</sup> bytes per
 * second). Verification should run at the speed of the HMAC itself: the constant-time comparison
 * and header decoding cost nothing next to hashing.
 *
 * <p>{@code deliver_*} (sample time, microseconds): one {@code issues.opened} delivery at a time,
 * at a steady {@code perSecond} rate (the wait for the next slot is not timed), from the moment it
 * is handed over until its handler has run: {@code deliver_handle} calls {@link
 * Webhooks#handle(Map, byte[])} directly; {@code deliver_http} POSTs it to a real {@link
 * WebhookServer} on 127.0.0.1 with the JDK's HttpClient (keep-alive) and also waits for the 202
 * answer. Either way the handler runs on the receiver's worker pool, after the signature check and
 * the JSON parse.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebhookBenchmark {
  static final String SECRET = "It's a Secret to Everybody";
  static final int SMALL = 10 * 1024;
  static final int LARGE = 25 * 1024 * 1024;
  private static final long HANDLER_TIMEOUT_SECONDS = 10;

  /** Two bodies and their {@code X-Hub-Signature-256} headers. */
  @State(Scope.Benchmark)
  public static class Bodies {
    final WebhookSignature signature = WebhookSignature.of(SECRET);
    byte[] small;
    byte[] large;
    String smallHeader;
    String largeHeader;

    @Setup(Level.Trial)
    public void sign() {
      small = jsonOfSize(SMALL);
      large = jsonOfSize(LARGE);
      smallHeader = WebhookSignature.sign(SECRET, small);
      largeHeader = WebhookSignature.sign(SECRET, large);
      if (!signature.verify(small, smallHeader) || !signature.verify(large, largeHeader)) {
        throw new IllegalStateException("a correctly signed body did not verify");
      }
    }

    /**
     * {"padding":"xxx…"} of exactly {@code size} bytes: what is hashed matters, not what it says.
     */
    private static byte[] jsonOfSize(int size) {
      byte[] json = new byte[size];
      Arrays.fill(json, (byte) 'x');
      byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, json, 0, head.length);
      json[size - 2] = '"';
      json[size - 1] = '}';
      return json;
    }
  }

  /** A JDK HMAC-SHA256 initialised once; a {@link Mac} is not thread-safe, hence one per thread. */
  @State(Scope.Thread)
  public static class RawMac {
    Mac mac;

    @Setup(Level.Trial)
    public void init() throws GeneralSecurityException {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(SMALL)
  public boolean verify_10KB(Bodies bodies) {
    return bodies.signature.verify(bodies.small, bodies.smallHeader);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(LARGE)
  public boolean verify_25MB(Bodies bodies) {
    return bodies.signature.verify(bodies.large, bodies.largeHeader);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(SMALL)
  public byte[] jdkHmac_10KB(Bodies bodies, RawMac raw) {
    return raw.mac.doFinal(bodies.small);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(LARGE)
  public byte[] jdkHmac_25MB(Bodies bodies, RawMac raw) {
    return raw.mac.doFinal(bodies.large);
  }

  /** A receiver whose handler completes the future registered for each delivery id. */
  @State(Scope.Benchmark)
  public static class Receiver {
    /** Deliveries per second. */
    @Param("500")
    public int perSecond;

    private final Map<String, CompletableFuture<Void>> handled = new ConcurrentHashMap<>();
    private final byte[] body = ISSUE_OPENED.getBytes(StandardCharsets.UTF_8);
    private final String signature = WebhookSignature.sign(SECRET, body);
    private Webhooks hooks;
    private WebhookServer server;
    private HttpClient http;
    private long nextSlot;
    private long sequence;
    private String deliveryId;
    private CompletableFuture<Void> delivered;

    @Setup(Level.Trial)
    public void start() {
      hooks = Webhooks.builder().secret(SECRET).build();
      hooks.on(
          "issues.opened",
          event -> {
            CompletableFuture<Void> waiting = handled.remove(event.deliveryId());
            if (waiting != null) {
              waiting.complete(null);
            }
          });
      server = WebhookServer.builder(hooks).host("127.0.0.1").port(0).path("/webhooks").start();
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Waits for the next slot of the steady rate (never catching up in a burst), then names the
     * delivery.
     */
    @Setup(Level.Invocation)
    public void nextDelivery() {
      long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
      long now = System.nanoTime();
      nextSlot = Math.max(nextSlot + period, now);
      while (now < nextSlot) {
        LockSupport.parkNanos(nextSlot - now);
        now = System.nanoTime();
      }
      // Each delivery has its own id: the receiver acknowledges a repeated id without running
      // handlers.
      deliveryId = "bench-" + (++sequence);
      delivered = new CompletableFuture<>();
      handled.put(deliveryId, delivered);
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.stop();
      hooks.close();
    }

    Map<String, String> headers() {
      return Map.of(
          "Content-Type",
          "application/json",
          "X-GitHub-Event",
          "issues",
          "X-GitHub-Delivery",
          deliveryId,
          "X-Hub-Signature-256",
          signature);
    }

    void awaitHandler() throws Exception {
      delivered.get(HANDLER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void deliver_handle(Receiver receiver) throws Exception {
    WebhookResult result = receiver.hooks.handle(receiver.headers(), receiver.body);
    if (result.status() != 202) {
      throw new IllegalStateException("the delivery was answered " + result);
    }
    receiver.awaitHandler();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void deliver_http(Receiver receiver) throws Exception {
    post(receiver);
  }

  private static void post(Receiver receiver) throws Exception {
    HttpRequest.Builder post =
        HttpRequest.newBuilder(URI.create(receiver.server.uri().toString()))
            .header("User-Agent", "GitHub-Hookshot/ghapp-bench")
            .POST(HttpRequest.BodyPublishers.ofByteArray(receiver.body));
    receiver.headers().forEach(post::header);
    CompletableFuture<HttpResponse<String>> answer =
        receiver.http.sendAsync(post.build(), HttpResponse.BodyHandlers.ofString());
    receiver.awaitHandler();
    HttpResponse<String> response = answer.get(HANDLER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "the delivery was answered " + response.statusCode() + ": " + response.body());
    }
  }

  /**
   * An {@code issues.opened} delivery of the size GitHub sends for a small repository (about 1.4
   * KB).
   */
  static final String ISSUE_OPENED =
      """
      {"action":"opened",
       "issue":{"url":"https://api.github.com/repos/octo-org/hello-world/issues/1","id":1001,"number":1,
        "title":"Found a bug","user":{"login":"octocat","id":1,"type":"User","site_admin":false},
        "labels":[],"state":"open","locked":false,"assignee":null,"assignees":[],"milestone":null,"comments":0,
        "created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z","closed_at":null,
        "author_association":"OWNER","body":"I'm having a problem with this."},
       "repository":{"id":1296269,"node_id":"MDEwOlJlcG9zaXRvcnkxMjk2MjY5","name":"hello-world",
        "full_name":"octo-org/hello-world","private":true,
        "owner":{"login":"octo-org","id":2,"type":"Organization","site_admin":false},
        "html_url":"https://github.com/octo-org/hello-world","description":"This your first repo!","fork":false,
        "url":"https://api.github.com/repos/octo-org/hello-world","created_at":"2024-01-01T00:00:00Z",
        "updated_at":"2024-01-01T00:00:00Z","pushed_at":"2024-01-01T00:00:00Z","default_branch":"main",
        "open_issues_count":1,"visibility":"private"},
       "organization":{"login":"octo-org","id":2,"url":"https://api.github.com/orgs/octo-org"},
       "sender":{"login":"octocat","id":1,"type":"User","site_admin":false},
       "installation":{"id":42,"node_id":"MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI="}}
      """;
}
