package io.github.ghapp.examples.greeter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A GitHub App as a Spring Boot service: {@link Greeter} thanks the author of every new issue in
 * the repositories the App is installed on. ghapp's starter builds the App from {@code ghapp.*}
 * (see {@code application.yaml}), receives GitHub's deliveries at {@code /api/github/webhooks} on
 * this service's own port, and hands each handler a client already authenticated as the event's
 * installation; the actuator shows its meters ({@code /actuator/metrics/ghapp.*}) and health.
 */
@SpringBootApplication
public class IssueGreeterApplication {

  public static void main(String[] args) {
    SpringApplication.run(IssueGreeterApplication.class, args);
  }
}
