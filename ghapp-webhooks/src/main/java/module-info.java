/**
 * Verified, routed GitHub webhook events, each with a client authenticated as its installation.
 * Only {@code io.github.ghapp.webhooks} and {@code io.github.ghapp.webhooks.servlet} are API.
 */
module io.github.ghapp.webhooks {
  exports io.github.ghapp.webhooks;
  exports io.github.ghapp.webhooks.servlet;

  // in the API: GitHubApp, Installation, Repository; JsonNode payloads
  requires transitive io.github.ghapp.auth;
  requires transitive com.fasterxml.jackson.databind;
  // WebhookServer's HTTP server
  requires org.eclipse.jetty.server;
  requires org.slf4j;
  // WebhookServlet only (its API shows HttpServlet): the container provides it, and without one
  // nothing loads the servlet
  requires static transitive jakarta.servlet;
}
