package io.github.ghapp.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against a local emulator of GitHub instead of github.com, so that
 * the application's own tests run offline: the emulator is started with the test's application
 * context (one per cached context) and stopped with it, and the {@code ghapp.*} properties (client
 * id, private key, base URL, webhook secret) are pointed at it, ahead of the application's own.
 * Once the application's server has a port, the emulated App's webhook URL is set to {@code
 * ghapp.webhooks.path} on it, so every event the emulator raises is delivered, signed, to the
 * application as GitHub would deliver it.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @EmulatedGitHub
 * class GreeterTest {
 *   @Autowired GitHubEmulator github;    // the emulator's whole API
 *   @Autowired GitHubApp app;             // the application's, pointed at it
 *
 *   @Test
 *   void opensAnIssue_andTheAppComments() {
 *     app.installationClient(42).request("POST /repos/{owner}/{repo}/issues",
 *         Map.of("owner", "octo-org", "repo", "hello-world", "title", "Hi"));   // delivered: issues.opened
 *     // ... await the comment ...
 *   }
 * }
 * }</pre>
 *
 * <p>Without a {@link #state()}, the emulator's demo state: app 1001 ({@code Iv23liDemo}, issues
 * and contents), installation 42 on {@code octo-org} ({@code hello-world}, {@code docs}) and 43 on
 * {@code octocat}. Deliveries need a real server ({@code RANDOM_PORT} or {@code DEFINED_PORT});
 * with a mock or no web environment the properties are set all the same.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmulatedGitHub {
  /**
   * The emulator's state (apps, accounts, repositories, installations): a classpath resource or a
   * file, YAML or JSON; empty for the demo state.
   */
  String state() default "";

  /** Which of the state's apps the application is; 0 for the first. */
  long appId() default 0;

  /**
   * The webhook secret the emulator signs with and the application checks; empty for a random one.
   */
  String webhookSecret() default "";

  /** GitHub Enterprise Server's layout: REST under /api/v3. */
  boolean ghes() default false;
}
