package io.github.ghapp.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ghapp.token-store.redis.*}: installation tokens shared by every replica through
 * ghapp-redis, sealed at rest. Used when ghapp-redis is on the class path and a URI is set.
 */
@ConfigurationProperties("ghapp.token-store.redis")
public class GitHubAppRedisProperties {
  /**
   * Redis as Lettuce reads it: redis://[user:password@]host[:port][/db], rediss:// for TLS, or
   * redis-sentinel://host:26379[,host2:26379]/0#master.
   */
  private String uri;

  /** Redis Cluster instead: one or more seed nodes, redis://node1:6379. */
  private List<String> cluster = new ArrayList<>();

  /**
   * The AES key tokens are sealed with in Redis: the base64 of 16 or 32 random bytes (openssl rand
   * -base64 32), the same in every process.
   */
  private String sealingKey;

  /** The prefix of the store's Redis keys (ghapp-redis's default ghapp:). */
  private String prefix;

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public List<String> getCluster() {
    return cluster;
  }

  public void setCluster(List<String> cluster) {
    this.cluster = cluster;
  }

  public String getSealingKey() {
    return sealingKey;
  }

  public void setSealingKey(String sealingKey) {
    this.sealingKey = sealingKey;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  /** Says whether a URI and a key are set, never what they are. */
  @Override
  public String toString() {
    return "GitHubAppRedisProperties{uri="
        + (uri == null ? "unset" : "set")
        + ", cluster="
        + cluster.size()
        + ", sealingKey="
        + (sealingKey == null ? "unset" : "set")
        + "}";
  }
}
