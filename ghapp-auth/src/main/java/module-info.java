/**
 * ghapp's library: act as a GitHub App installation. Only {@code io.github.ghapp.auth} is API; the
 * {@code internal} packages are closed to every other module.
 */
module io.github.ghapp.auth {
  exports io.github.ghapp.auth;

  // in the API: JsonNode answers, HttpClient and HttpRequest in HttpTransport
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires io.github.ghapp.permissions.data;
}
