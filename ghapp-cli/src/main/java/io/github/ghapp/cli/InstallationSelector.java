package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.Installation;
import io.github.ghapp.auth.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Which of the app's installations to act as: at most one of {@code --installation-id}, {@code
 * --repo}, {@code --org}, {@code --user} or {@code --owner}; none means the app's only
 * installation.
 */
final class InstallationSelector {
  // The options' descriptions, which token's model in code (TokenModel) shares.
  static final String ID_HELP = "The installation's id (no look-up needed).";

  static final String REPO_HELP = "The installation that covers this repository.";

  static final String ORG_HELP = "The installation on this organization.";

  static final String USER_HELP = "The installation on this user's account.";

  static final String OWNER_HELP =
      "The installation on this account, organization or user (token: repeatable, one token"
          + " per account).";

  @Option(names = "--installation-id", paramLabel = "ID", description = ID_HELP)
  Long installationId;

  @Option(names = "--repo", paramLabel = "OWNER/REPO", description = REPO_HELP)
  String repo;

  @Option(names = "--org", paramLabel = "ORG", description = ORG_HELP)
  String org;

  @Option(names = "--user", paramLabel = "USER", description = USER_HELP)
  String user;

  @Option(names = "--owner", paramLabel = "LOGIN", description = OWNER_HELP)
  List<String> owners = new ArrayList<>();

  /** The one {@code --owner}, or null; several are for {@code token} alone, which asks for each. */
  private String owner() {
    if (owners.size() > 1) {
      throw CliException.usage(
          "--owner is given "
              + owners.size()
              + " times; this command acts as one installation. Pass --owner once");
    }
    return owners.isEmpty() ? null : owners.get(0);
  }

  /** The installation covering {@code owner/name}. */
  static InstallationSelector repository(String owner, String name) {
    InstallationSelector s = new InstallationSelector();
    s.repo = owner + "/" + name;
    return s;
  }

  /** The installation on the account {@code login}, whichever kind it is. */
  static InstallationSelector account(String login) {
    InstallationSelector s = new InstallationSelector();
    s.owners.add(login);
    return s;
  }

  /** The installation with this id. */
  static InstallationSelector id(long id) {
    InstallationSelector s = new InstallationSelector();
    s.installationId = id;
    return s;
  }

  /** How to choose when the app has several installations, in the terms of the command. */
  private String howToChoose =
      "Choose one with --owner, --repo, --org, --user or --installation-id";

  /** No selection: the app's only installation. */
  static InstallationSelector only() {
    return new InstallationSelector();
  }

  /** No selection from Git's credential helper, whose only selectors are these. */
  static InstallationSelector onlyForGit() {
    InstallationSelector s = new InstallationSelector();
    s.howToChoose =
        "Run 'git config --global credential.useHttpPath true' so that Git says which"
            + " repository it wants, or choose one with --owner or --installation-id";
    return s;
  }

  boolean isRepository() {
    return repo != null;
  }

  /** Nothing chosen: the app's only installation, or for some commands none at all. */
  boolean isNone() {
    return installationId == null
        && repo == null
        && org == null
        && user == null
        && owners.isEmpty();
  }

  boolean isById() {
    return installationId != null;
  }

  /** What is looked up, as a cache key part and for messages: {@code repo:octo-org/hello-world}. */
  String describe() {
    if (installationId != null) {
      return "id:" + installationId;
    }
    if (repo != null) {
      return "repo:" + repo;
    }
    if (org != null) {
      return "org:" + org;
    }
    if (user != null) {
      return "user:" + user;
    }
    return owner() != null ? "owner:" + owner() : "only";
  }

  /** The account the selected installation must be on, or null when any may be (id, only). */
  String expectedAccount() {
    if (repo != null) {
      return repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : null;
    }
    return org != null ? org : user != null ? user : owner();
  }

  /** An installation found: its id and the account it is on (null when not looked up). */
  record Found(long id, String account) {}

  /**
   * Asks GitHub which installation this selects; one request (two for an {@code --owner} that is a
   * user).
   */
  long lookUp(GitHubApp app) {
    return find(app).id();
  }

  /** Like {@link #lookUp}, with the account the installation is on. */
  Found find(GitHubApp app) {
    if (installationId != null) {
      if (installationId <= 0) {
        throw CliException.usage(
            "--installation-id must be a positive number, got " + installationId);
      }
      return new Found(installationId, null);
    }
    if (repo != null) {
      String[] parts = repo.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw CliException.usage(
            "--repo '"
                + repo
                + "' is not OWNER/REPO. Name the repository with its owner,"
                + " e.g. octo-org/hello-world");
      }
      return notInstalledOn(
          "repository " + repo,
          () -> app.installations().forRepository(parts[0], parts[1].replaceFirst("\\.git$", "")));
    }
    if (org != null) {
      return notInstalledOn("organization " + org, () -> app.installations().forOrganization(org));
    }
    if (user != null) {
      return notInstalledOn("user " + user, () -> app.installations().forUser(user));
    }
    String owner = owner();
    if (owner != null) {
      return notInstalledOn(
          "account " + owner,
          () -> {
            try {
              return app.installations().forOrganization(owner);
            } catch (NotFoundException notAnOrganization) {
              return app.installations().forUser(owner);
            }
          });
    }
    return onlyInstallation(app, howToChoose);
  }

  private static Found onlyInstallation(GitHubApp app, String howToChoose) {
    List<Installation> all = app.installations().list();
    if (all.size() == 1) {
      return new Found(all.get(0).id(), all.get(0).account());
    }
    if (all.isEmpty()) {
      throw CliException.refused(
          "the app has no installations. Install it on an account (the app's page on"
              + " GitHub > Install App), then try again",
          null);
    }
    throw CliException.usage(
        "the app has "
            + all.size()
            + " installations ("
            + all.stream().map(i -> i.account() + " " + i.id()).collect(Collectors.joining(", "))
            + "). "
            + howToChoose);
  }

  private static Found notInstalledOn(
      String target, java.util.function.Supplier<Installation> lookUp) {
    try {
      Installation found = lookUp.get();
      return new Found(found.id(), found.account());
    } catch (NotFoundException e) {
      throw CliException.refused(
          "the app is not installed on "
              + target
              + ", or it does not exist. Install"
              + " the app there, or list where it is installed with 'ghapp installations'",
          e);
    }
  }
}
