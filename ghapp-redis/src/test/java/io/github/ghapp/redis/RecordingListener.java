package io.github.ghapp.redis;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.TokenKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a store told its listener, for tests to assert on. */
final class RecordingListener implements GitHubAppListener {
  final List<UncoordinatedMint> uncoordinated = new CopyOnWriteArrayList<>();
  final List<String> unavailable = new CopyOnWriteArrayList<>();
  final List<Duration> recovered = new CopyOnWriteArrayList<>();

  @Override
  public void mintUncoordinated(TokenKey key, UncoordinatedMint why) {
    uncoordinated.add(why);
  }

  @Override
  public void tokenStoreUnavailable(String store, String problem) {
    unavailable.add(problem);
  }

  @Override
  public void tokenStoreRecovered(String store, Duration outage) {
    recovered.add(outage);
  }
}
