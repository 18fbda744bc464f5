package io.github.ghapp.webhooks;

import io.github.ghapp.webhooks.WebhookListener.Refusal;

/**
 * Thrown inside the receiver when a delivery must be refused; carries the answer and why, for the
 * {@link WebhookListener}. It is control flow on a path that anyone on the internet can drive, so
 * it has no stack trace to fill.
 */
final class Rejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final Refusal reason;
  private final transient WebhookResult result;

  Rejected(Refusal reason, WebhookResult result) {
    super(result.message(), null, false, false);
    this.reason = reason;
    this.result = result;
  }

  Refusal reason() {
    return reason;
  }

  WebhookResult result() {
    return result;
  }
}
