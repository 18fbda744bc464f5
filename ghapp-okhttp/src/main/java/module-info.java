/**
 * ghapp's installation tokens on OkHttp. Only {@code io.github.ghapp.okhttp} is API, and in it only
 * the interceptor and the authenticator are public.
 */
module io.github.ghapp.okhttp {
  exports io.github.ghapp.okhttp;

  // in the API: TokenProvider, and OkHttp's Interceptor and Authenticator
  requires transitive io.github.ghapp.auth;
  requires transitive okhttp3;
}
