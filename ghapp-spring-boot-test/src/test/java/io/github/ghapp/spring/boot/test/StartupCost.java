package io.github.ghapp.spring.boot.test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to a service's start: a Spring MVC service with the actuator on Tomcat
 * (port 0) started with ghapp's auto-configuration on ({@code with}: a GitHubApp from a PEM key, a
 * Webhooks receiver, its servlet, the health indicator and meters) or excluded ({@code without}),
 * on the same class path. Prints the first start in this JVM (class loading included: what a
 * deployment pays) and the median of the next ones. Not a test; run each way in fresh JVMs,
 * alternately, a few times:
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -pl ghapp-spring-boot-test -am
 * CP=ghapp-spring-boot-test/target/test-classes:ghapp-spring-boot-test/target/classes:$(cat /tmp/cp.txt)
 * for i in 1 2 3 4 5; do for m in without with; do
 *   java -cp "$CP" io.github.ghapp.spring.boot.test.StartupCost $m 10; done; done
 * java -cp "$CP" io.github.ghapp.spring.boot.test.StartupCost alternate 20
 * </pre>
 */
public final class StartupCost {
  private static final String GHAPP_AUTO_CONFIGURATIONS =
      String.join(
          ",",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubAppAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubWebhooksAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubWebhookServletAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubWebhookReactiveAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubAppHealthAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubAppMetricsAutoConfiguration",
          "io.github.ghapp.spring.boot.autoconfigure.GitHubAppRedisAutoConfiguration");

  private StartupCost() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    if (args.length > 0 && args[0].equals("alternate")) {
      alternate(repeats);
      return;
    }
    boolean with = args.length > 0 && args[0].equals("with");
    Map<String, Object> properties = with ? ghapp() : Map.of();
    double first = startAndStopMillis(with, properties);
    List<Double> next = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      next.add(startAndStopMillis(with, properties));
    }
    Collections.sort(next);
    System.out.printf(
        "%-7s first %.1f ms, then median %.1f ms (min %.1f, max %.1f, %d starts)%n",
        with ? "with" : "without",
        first,
        next.get(next.size() / 2),
        next.get(0),
        next.get(next.size() - 1),
        next.size());
  }

  /** Both ways in one JVM, in turns, after one start each: the warm difference alone. */
  private static void alternate(int repeats) throws Exception {
    Map<String, Object> ghapp = ghapp();
    startAndStopMillis(false, Map.of());
    startAndStopMillis(true, ghapp);
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      without.add(startAndStopMillis(false, Map.of()));
      with.add(startAndStopMillis(true, ghapp));
    }
    Collections.sort(without);
    Collections.sort(with);
    System.out.printf(
        "warm, in turns: without median %.1f ms, with median %.1f ms (%d starts each)%n",
        without.get(repeats / 2), with.get(repeats / 2), repeats);
  }

  /** The time SpringApplication.run takes, context refresh and Tomcat's start included. */
  private static double startAndStopMillis(boolean with, Map<String, Object> ghapp) {
    SpringApplication application = new SpringApplication(Service.class);
    application.setLogStartupInfo(false);
    Map<String, Object> defaults = new HashMap<>(ghapp);
    defaults.put("server.port", "0");
    defaults.put("logging.level.root", "warn");
    defaults.put("spring.main.banner-mode", "off");
    if (!with) {
      defaults.put("spring.autoconfigure.exclude", GHAPP_AUTO_CONFIGURATIONS);
    }
    application.setDefaultProperties(defaults);
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context = application.run()) {
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static Map<String, Object> ghapp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return Map.of(
        "ghapp.client-id", "Iv23liStartup",
        "ghapp.private-key", pem,
        "ghapp.webhooks.secret", "startup-secret");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Service {}
}
