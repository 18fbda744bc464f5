/**
 * Micrometer meters for ghapp: {@code GitHubAppMetrics} on an app's token cache and requests to
 * GitHub, {@code WebhookMetrics} on a webhook receiver's deliveries. Only {@code
 * io.github.ghapp.micrometer} is API.
 */
module io.github.ghapp.micrometer {
  exports io.github.ghapp.micrometer;

  // in the API: the listeners they implement and Micrometer's MeterBinder
  requires transitive io.github.ghapp.auth;
  requires transitive io.github.ghapp.webhooks;
  requires transitive micrometer.core;
}
