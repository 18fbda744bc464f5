/**
 * Installation tokens shared by every process of a fleet on Redis: one mint per installation and
 * scope, values sealed at rest. Only {@code io.github.ghapp.redis} is API.
 */
module io.github.ghapp.redis {
  exports io.github.ghapp.redis;

  // in the API: TokenStore, TokenCodec, GitHubAppListener; Lettuce's RedisURI and clients
  requires transitive io.github.ghapp.auth;
  requires transitive lettuce.core;
  requires org.slf4j;
  // RedisSeenDeliveries only: webhook deduplication for apps that use ghapp-webhooks
  requires static io.github.ghapp.webhooks;
}
