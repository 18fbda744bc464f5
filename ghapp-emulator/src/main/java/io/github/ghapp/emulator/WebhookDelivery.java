package io.github.ghapp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt to deliver a webhook, as the emulator's delivery log records it (GitHub's "Recent
 * Deliveries"): what was sent, where, and what came back. A redelivery is a new attempt with the
 * same {@link #guid()}.
 *
 * <pre>{@code
 * // open an issue over REST, then:
 * await().until(() -> emu.deliveries().stream().anyMatch(d -> d.event().equals("issues") && d.succeeded()));
 * WebhookDelivery first = emu.deliveries().get(0);
 * emu.redeliver(first.id());   // sent again with the same X-GitHub-Delivery; logged with redelivery() true
 * }</pre>
 *
 * @param id this attempt's id, unique in the emulator; pass it to {@link GitHubEmulator#redeliver}
 * @param guid the {@code X-GitHub-Delivery} header, shared by a delivery and its redeliveries
 * @param action the payload's {@code action}, or null for events without one
 * @param installationId the installation the event is about, or null
 * @param statusCode the receiver's HTTP status, or null when no answer came ({@link #error()} says
 *     why)
 * @param error why no answer came (refused connection, 10 s timeout), or null
 * @param duration from sending the request to the end of the answer, or to the failure
 * @param at the emulator's time when the attempt was made
 * @param requestHeaders the headers sent, in order ({@code X-GitHub-Event}, {@code
 *     X-Hub-Signature-256}, ...)
 * @param requestBody the exact body sent (UTF-8 JSON); the signatures are over these bytes
 */
public record WebhookDelivery(
    long id,
    String guid,
    String event,
    String action,
    Long installationId,
    String url,
    Integer statusCode,
    String error,
    Duration duration,
    boolean redelivery,
    Instant at,
    Map<String, String> requestHeaders,
    String requestBody) {

  public WebhookDelivery {
    Objects.requireNonNull(guid, "guid");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(at, "at");
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    Objects.requireNonNull(requestBody, "requestBody");
  }

  /** True when the receiver answered 2xx, which is all GitHub asks of it. */
  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }

  /** Without the body, which can be large; the headers hold no secret (signatures only). */
  @Override
  public String toString() {
    return "WebhookDelivery[id="
        + id
        + ", guid="
        + guid
        + ", event="
        + event
        + (action == null ? "" : "." + action)
        + ", installation="
        + installationId
        + ", url="
        + url
        + ", "
        + (statusCode != null ? "status=" + statusCode : "error=" + error)
        + (redelivery ? ", redelivery" : "")
        + "]";
  }
}
