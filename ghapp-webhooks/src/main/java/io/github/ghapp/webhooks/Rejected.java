package io.github.ghapp.webhooks;

/**
 * Thrown inside the receiver when a delivery must be refused; carries the answer. It is control
 * flow on a path that anyone on the internet can drive, so it has no stack trace to fill.
 */
final class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient WebhookResult result;

  Rejected(WebhookResult result) {
    super(result.message(), null, false, false);
    this.result = result;
  }

  WebhookResult result() {
    return result;
  }
}
