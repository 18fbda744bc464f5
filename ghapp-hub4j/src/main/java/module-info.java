/**
 * ghapp's installation tokens inside hub4j's {@code github-api}. Only {@code io.github.ghapp.hub4j}
 * is API.
 */
module io.github.ghapp.hub4j {
  exports io.github.ghapp.hub4j;

  // in the API: TokenProvider, and hub4j's AuthorizationProvider
  requires transitive io.github.ghapp.auth;
  requires transitive org.kohsuke.github.api;
}
