package io.github.ghapp.webhooks;

/**
 * What to answer GitHub for one delivery: the HTTP status and a short plain-text reason. The reason
 * names what was wrong and how to fix it; it never contains a secret or a signature, so it can be
 * sent as the response body and logged.
 *
 * <table>
 *   <caption>Statuses</caption>
 *   <tr><td>202</td><td>accepted: handlers run in the background</td></tr>
 *   <tr><td>200</td><td>a delivery id already accepted within the deduplication window; not handled again</td></tr>
 *   <tr><td>400</td><td>missing {@code X-GitHub-Event}/{@code X-GitHub-Delivery}, malformed or truncated body</td></tr>
 *   <tr><td>401</td><td>missing or wrong {@code X-Hub-Signature-256}; nothing was parsed</td></tr>
 *   <tr><td>413</td><td>body over the size limit (25 MiB by default)</td></tr>
 *   <tr><td>415</td><td>content type neither {@code application/json} nor {@code application/x-www-form-urlencoded}</td></tr>
 *   <tr><td>503</td><td>handler queue full or receiver closed: the delivery was not accepted; redeliver it</td></tr>
 * </table>
 *
 * @param status the HTTP status code to answer
 * @param message why, in one line of plain text
 */
public record WebhookResult(int status, String message) {

  /** True when GitHub should consider the delivery done (a 2xx status). */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  static WebhookResult accepted(String deliveryId) {
    return new WebhookResult(202, "accepted delivery " + deliveryId);
  }

  static WebhookResult duplicate(String deliveryId) {
    return new WebhookResult(
        200, "delivery " + deliveryId + " was already accepted; not handled again");
  }

  static WebhookResult badRequest(String why) {
    return new WebhookResult(400, why);
  }

  static WebhookResult unauthorized(String why) {
    return new WebhookResult(401, why);
  }

  static WebhookResult tooLarge(long limit) {
    return new WebhookResult(
        413,
        "body is larger than "
            + limit
            + " bytes, the most this receiver accepts"
            + " (GitHub caps payloads at 25 MB)");
  }

  static WebhookResult unsupportedType(String contentType) {
    return new WebhookResult(
        415,
        "content type '"
            + shown(contentType)
            + "' is not supported: set the"
            + " App's webhook content type to application/json (application/x-www-form-urlencoded also works)");
  }

  static WebhookResult unavailable(String why) {
    return new WebhookResult(503, why);
  }

  /**
   * An unauthenticated header value as it may appear in a reason: anyone can send a megabyte of
   * control characters, and the reason is answered and logged as one short line.
   */
  static String shown(String value) {
    String start = value.length() <= 100 ? value : value.substring(0, 100) + "...";
    return start.replaceAll("\\p{Cntrl}", "?");
  }
}
