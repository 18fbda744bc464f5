package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Everything the emulated GitHub knows: apps, accounts, repositories and installations.
 *
 * <p>Thread safety: the records are immutable and live in concurrent maps, so reads take no lock
 * and always see a whole record. Writes are {@code synchronized} so that a check ("does the account
 * exist?") and the insert that depends on it happen together. Listeners are called after the lock
 * is released ({@link StateEvents}).
 */
public final class EmulatorState {

  private final Map<Long, App> apps = new ConcurrentHashMap<>();
  private final Map<String, Account> accountsByLogin = new ConcurrentHashMap<>();
  private final RepositoryIndex repositories = new RepositoryIndex();
  private final Map<Long, Installation> installations = new ConcurrentHashMap<>();
  private final IdSequence appIds = new IdSequence(1001);
  private final IdSequence accountIds = new IdSequence(1_000_001);
  private final IdSequence repoIds = new IdSequence(100_000_001);
  private final IdSequence installationIds = new IdSequence(40);
  private final StateEvents events = new StateEvents();
  private final GitRepositories git;
  private final Supplier<Instant> now;

  public EmulatorState(GitRepositories git, Supplier<Instant> now) {
    this.git = git;
    this.now = now;
  }

  public void addListener(StateListener listener) {
    events.add(listener);
  }

  /** From now on, {@code listener} hears of every ref that moves ({@link RefUpdate}). */
  public void onRefUpdate(RefUpdateListener listener) {
    events.add(listener);
  }

  /**
   * Tells every {@link #onRefUpdate} listener that a ref moved; called by whatever moved it, after
   * it moved and outside any lock. One listener's failure is logged and the others still hear.
   */
  public void refUpdated(RefUpdate update) {
    events.refUpdated(update);
  }

  public GitRepositories git() {
    return git;
  }

  // ---- apps

  /** Adds an app; an id of 0 means "choose one". Ids, client ids and slugs must be unique. */
  public synchronized App addApp(App app) {
    long id = app.id() == 0 ? appIds.next(apps::containsKey) : app.id();
    if (apps.containsKey(id)) {
      throw new IllegalArgumentException(
          "an app with id " + id + " already exists; choose another id");
    }
    String clientId = app.clientId() != null ? app.clientId() : App.defaultClientId(id);
    for (App other : apps.values()) {
      if (other.clientId().equals(clientId)) {
        throw new IllegalArgumentException(
            "app client_id '"
                + clientId
                + "' is already used by app "
                + other.id()
                + "; client ids must be unique");
      }
      if (other.slug().equalsIgnoreCase(app.slug())) {
        throw new IllegalArgumentException(
            "app slug '"
                + app.slug()
                + "' is already used by app "
                + other.id()
                + "; slugs must be unique");
      }
    }
    if (app.keys().isEmpty()) {
      throw new IllegalArgumentException(
          "app " + id + " has no key; give it a private or public key");
    }
    App stored =
        new App(
            id,
            clientId,
            app.slug(),
            app.name(),
            app.description(),
            app.ownerLogin(),
            app.permissions(),
            app.events(),
            app.keys(),
            app.webhook(),
            app.createdAt());
    apps.put(id, stored);
    appIds.used(id);
    return stored;
  }

  /** Replaces an app's keys (rotation); GitHub requires an app to keep at least one. */
  public synchronized App updateKeys(long appId, UnaryOperator<List<AppKey>> change) {
    App app = app(appId).orElseThrow(() -> new IllegalArgumentException("no app with id " + appId));
    List<AppKey> keys = change.apply(new ArrayList<>(app.keys()));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "app "
              + appId
              + " must keep at least one key; add a new key before "
              + "removing the last one");
    }
    App updated = app.withKeys(keys);
    apps.put(appId, updated);
    return updated;
  }

  /** Replaces an app's webhook target ({@code PATCH /app/hook/config}); null removes it. */
  public synchronized App updateWebhook(long appId, UnaryOperator<Webhook> change) {
    App app = app(appId).orElseThrow(() -> new IllegalArgumentException("no app with id " + appId));
    App updated = app.withWebhook(change.apply(app.webhook()));
    apps.put(appId, updated);
    return updated;
  }

  public Optional<App> app(long id) {
    return Optional.ofNullable(apps.get(id));
  }

  public Optional<App> appByClientId(String clientId) {
    return apps.values().stream().filter(a -> a.clientId().equals(clientId)).findFirst();
  }

  public List<App> apps() {
    return sorted(apps.values(), Comparator.comparingLong(App::id));
  }

  // ---- accounts

  public synchronized Account addAccount(String login, AccountType type, Long id) {
    requireName(login, "account login");
    if (accountsByLogin.containsKey(key(login))) {
      throw new IllegalArgumentException(
          "account '" + login + "' already exists; logins are unique, whatever " + "their case");
    }
    long accountId = id == null ? accountIds.next(this::accountIdTaken) : id;
    if (accountIdTaken(accountId)) {
      throw new IllegalArgumentException(
          "account id " + accountId + " is already used; choose another id");
    }
    Account account = new Account(accountId, login, type, now.get());
    accountsByLogin.put(key(login), account);
    accountIds.used(accountId);
    return account;
  }

  public Optional<Account> account(String login) {
    return Optional.ofNullable(accountsByLogin.get(key(login)));
  }

  public List<Account> accounts() {
    return sorted(accountsByLogin.values(), Comparator.comparingLong(Account::id));
  }

  // ---- repositories

  /** Adds a repository and creates its bare Git repository on disk. */
  public Repository addRepository(String ownerLogin, String name, boolean isPrivate, Long id) {
    Repository repository;
    synchronized (this) {
      requireName(name, "repository name");
      Account owner =
          account(ownerLogin)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "cannot create repository '"
                              + name
                              + "': account '"
                              + ownerLogin
                              + "' does not exist; create "
                              + "the account first"));
      if (repositories.hasName(owner.login(), name)) {
        throw new IllegalArgumentException(
            "repository "
                + owner.login()
                + "/"
                + name
                + " already exists; "
                + "an account's repository names are unique, whatever their case");
      }
      long repositoryId = id == null ? repoIds.next(repositories::hasId) : id;
      if (repositories.hasId(repositoryId)) {
        throw new IllegalArgumentException(
            "repository id " + repositoryId + " is already used; choose " + "another id");
      }
      Instant at = now.get();
      repository =
          new Repository(
              repositoryId, owner, name, isPrivate, at, git.create(owner.login(), name, at));
      repositories.add(repository);
      repoIds.used(repositoryId);
    }
    events.repositoryCreated(repository);
    return repository;
  }

  public Optional<Repository> repository(String owner, String name) {
    return repositories.byName(owner, name);
  }

  public Optional<Repository> repository(long id) {
    return repositories.byId(id);
  }

  /** In id order. */
  public List<Repository> repositoriesOf(Account owner) {
    return repositories.ownedBy(owner);
  }

  // ---- installations

  public Installation addInstallation(NewInstallation spec) {
    Installation installation;
    synchronized (this) {
      App app =
          app(spec.appId())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "app "
                              + spec.appId()
                              + " does not exist; create it first or install one of the apps "
                              + apps().stream().map(App::id).toList()));
      Account account =
          account(spec.account())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "account '"
                              + spec.account()
                              + "' does not exist; create it first or install on one of the "
                              + "accounts "
                              + accounts().stream().map(Account::login).toList()));
      if (installationOn(app.id(), account.login()).isPresent()) {
        throw new IllegalArgumentException(
            "app "
                + app.id()
                + " is already installed on "
                + account.login()
                + "; an app has at most one installation per account");
      }
      long id = spec.id() == null ? installationIds.next(installations::containsKey) : spec.id();
      if (installations.containsKey(id)) {
        throw new IllegalArgumentException(
            "installation id " + id + " is already used; choose another id");
      }
      installation = spec.toInstallation(id, app, account, this::repository, now.get());
      installations.put(id, installation);
      installationIds.used(id);
    }
    events.installationCreated(installation);
    return installation;
  }

  /** Suspends or unsuspends; a no-op when the installation is already in that state. */
  public Installation setSuspended(long installationId, boolean suspended) {
    Installation updated;
    boolean changed;
    synchronized (this) {
      Installation current =
          installation(installationId)
              .orElseThrow(
                  () -> new IllegalArgumentException("no installation with id " + installationId));
      changed = current.isSuspended() != suspended;
      updated =
          !changed
              ? current
              : suspended ? current.suspended(now.get()) : current.unsuspended(now.get());
      installations.put(installationId, updated);
    }
    if (changed) {
      events.installationSuspended(updated, suspended);
    }
    return updated;
  }

  /**
   * Uninstalls: the installation is gone, so minting for it is 404 and its tokens are refused. Its
   * id is not given out again, as on GitHub.
   */
  public synchronized Installation removeInstallation(long installationId) {
    Installation removed = installations.remove(installationId);
    if (removed == null) {
      throw new IllegalArgumentException("no installation with id " + installationId);
    }
    installationIds.used(installationId);
    return removed;
  }

  public Optional<Installation> installation(long id) {
    return Optional.ofNullable(installations.get(id));
  }

  public List<Installation> installationsOf(long appId) {
    return installations.values().stream()
        .filter(i -> i.appId() == appId)
        .sorted(Comparator.comparingLong(Installation::id))
        .collect(Collectors.toList());
  }

  public Optional<Installation> installationOn(long appId, String accountLogin) {
    return installations.values().stream()
        .filter(i -> i.appId() == appId && i.account().login().equalsIgnoreCase(accountLogin))
        .findFirst();
  }

  /** The repositories an installation reaches now, in id order. */
  public List<Repository> reachableRepositories(Installation installation) {
    return repositories.reachable(installation);
  }

  /**
   * How many repositories an installation reaches now, without listing them: the rate limit asks on
   * every request.
   */
  public int reachableCount(Installation installation) {
    return repositories.reachableCount(installation);
  }

  public boolean reaches(Installation installation, Repository repository) {
    return installation.repositorySelection() == RepositorySelection.ALL
        ? repository.owner().id() == installation.account().id()
        : installation.repositoryIds().contains(repository.id());
  }

  // ---- helpers

  private boolean accountIdTaken(long id) {
    return accountsByLogin.values().stream().anyMatch(a -> a.id() == id);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static void requireName(String name, String what) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is not valid: use letters, digits, '.', '-' " + "or '_'");
    }
  }

  private static <T> List<T> sorted(java.util.Collection<T> values, Comparator<T> order) {
    List<T> list = new ArrayList<>(values);
    list.sort(order);
    return list;
  }
}
