/**
 * ghapp's installation tokens on Spring's HTTP clients. Only {@code io.github.ghapp.spring.web} is
 * API. WebClient's filter needs {@code spring.webflux} and Reactor at run time; RestClient's and
 * RestTemplate's interceptor needs only {@code spring.web}.
 */
module io.github.ghapp.spring.web {
  exports io.github.ghapp.spring.web;

  // in the API: GitHubApp and TokenProvider, Spring's interceptor and filter types
  requires transitive io.github.ghapp.auth;
  requires transitive spring.web;
  requires spring.core;
  requires static transitive spring.webflux;
  requires static transitive reactor.core;
}
