package io.github.ghapp.redis;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.auth.TokenStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One process of a fleet, for {@link FleetTest}: an app on the emulator with a Redis store, run in
 * its own JVM. Arguments: the emulator's URL, the app key's file, the Redis URI, the lease in ms,
 * the callers per round. It prints {@code READY}; each {@code GO REPOSITORY} line on stdin starts a
 * round (that many callers at once on a token for installation 42 narrowed to that repository) and
 * ends with {@code DONE ok=N tokens=HASHES uncoordinated=N}. It prints {@code HOLDING} when it runs
 * a mint holding the lease, so the test knows which process to kill. Tokens appear only as hashes.
 */
public final class FleetMember {
  private FleetMember() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    AtomicInteger uncoordinated = new AtomicInteger();
    GitHubAppListener listener =
        new GitHubAppListener() {
          @Override
          public void mintUncoordinated(TokenKey key, UncoordinatedMint why) {
            uncoordinated.incrementAndGet();
          }
        };
    RedisTokenStore redis =
        RedisTokenStore.builder()
            .uri(args[2])
            .sealingKey(Keys.SEALING)
            .leaseTime(Duration.ofMillis(Long.parseLong(args[3])))
            .maxWait(Duration.ofSeconds(60))
            .listener(listener)
            .build();
    GitHubApp app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(Files.readString(Path.of(args[1])))
            .baseUrl(args[0])
            .tokenStore(announcingHolds(redis, out))
            .build();
    int callers = Integer.parseInt(args[4]);
    redis.get(new TokenKey(args[0], "1001", 42, TokenRequest.all())); // connected before READY
    out.println("READY");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    for (String line; (line = in.readLine()) != null; ) {
      if (!line.startsWith("GO ")) {
        continue;
      }
      TokenRequest request = TokenRequest.builder().repositories(line.substring(3)).build();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(
            threads.submit(
                () -> {
                  go.await();
                  return app.tokenProvider(42, request).token();
                }));
      }
      go.countDown();
      int ok = 0;
      Set<String> hashes = new TreeSet<>();
      for (Future<String> call : calls) {
        try {
          hashes.add(hash(call.get(60, TimeUnit.SECONDS)));
          ok++;
        } catch (Exception e) {
          out.println("FAILED " + e.getClass().getSimpleName());
        }
      }
      out.println(
          "DONE ok="
              + ok
              + " tokens="
              + String.join(",", hashes)
              + " uncoordinated="
              + uncoordinated);
    }
    threads.shutdownNow();
    redis.close();
  }

  /** The store, telling stdout when a mint runs (only a lease holder runs one on a cold key). */
  private static TokenStore announcingHolds(RedisTokenStore store, PrintStream out) {
    return new TokenStore() {
      @Override
      public InstallationToken get(TokenKey key) {
        return store.get(key);
      }

      @Override
      public void put(TokenKey key, InstallationToken token) {
        store.put(key, token);
      }

      @Override
      public void remove(TokenKey key) {
        store.remove(key);
      }

      @Override
      public InstallationToken mintLocked(TokenKey key, Supplier<InstallationToken> mint) {
        return store.mintLocked(
            key,
            () -> {
              if (store.get(key) == null) {
                out.println("HOLDING");
              }
              return mint.get();
            });
      }
    };
  }

  private static String hash(String token) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 6);
  }
}
