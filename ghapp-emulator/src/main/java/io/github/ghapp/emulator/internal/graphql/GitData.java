package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A repository's refs and commits, read from its bare Git repository as they are at the moment of
 * the query: whatever a {@code git push} or the REST API wrote is what GraphQL answers. Reading
 * them needs {@code contents: read}, as GitHub's Git data does (unconfirmed for GraphQL: GitHub
 * does not document per-field permissions there).
 */
final class GitData {

  private static final String HEADS = "refs/heads/";

  private GitData() {}

  /** {@code defaultBranchRef}: {@code main}, which every emulated repository starts with. */
  static Object defaultBranchRef(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!data.mayRead(env, repository, "contents")) {
      return GraphqlData.forbidden(env);
    }
    return read(repository, git -> ref(data, repository, git, git.exactRef(HEADS + "main")));
  }

  /**
   * {@code ref(qualifiedName:)}: {@code refs/heads/main}, or a bare branch name like {@code main}.
   */
  static Object ref(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!data.mayRead(env, repository, "contents")) {
      return GraphqlData.forbidden(env);
    }
    String name = env.getArgument("qualifiedName");
    return read(
        repository,
        git -> {
          Ref ref = git.exactRef(name);
          if (ref == null && !name.startsWith("refs/")) {
            ref = git.exactRef(HEADS + name);
          }
          return ref(data, repository, git, ref);
        });
  }

  /** {@code refs(refPrefix:, first:, ...)}: the refs under a prefix, by name, in pages. */
  static Object refs(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!data.mayRead(env, repository, "contents")) {
      return GraphqlData.forbidden(env);
    }
    String prefix = env.getArgument("refPrefix");
    String query = env.getArgument("query");
    return read(
        repository,
        git -> {
          List<Ref> refs = new ArrayList<>();
          for (Ref ref : git.getRefDatabase().getRefsByPrefix(prefix)) {
            String name = ref.getName().substring(prefix.length());
            if (query == null || name.contains(query)) {
              refs.add(ref);
            }
          }
          refs.sort(Comparator.comparing(Ref::getName));
          if ("DESC".equals(env.getArgument("direction"))) {
            refs.sort(Comparator.comparing(Ref::getName).reversed());
          }
          List<Map<String, Object>> nodes = new ArrayList<>();
          for (Ref ref : refs) {
            nodes.add(ref(data, repository, git, ref));
          }
          return ConnectionPage.answer(
              env, nodes, node -> prefix + node.get("name"), "refs", node -> node);
        });
  }

  /**
   * {@code object(oid:)} or {@code object(expression:)} ({@code main}, {@code HEAD~1}, a sha): the
   * commit it names, or null when it names nothing, as on GitHub. Only commits are modelled.
   */
  static Object object(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!data.mayRead(env, repository, "contents")) {
      return GraphqlData.forbidden(env);
    }
    String oid = env.getArgument("oid");
    String expression = oid != null ? oid : env.getArgument("expression");
    if (expression == null) {
      return null;
    }
    return read(
        repository,
        git -> {
          ObjectId id;
          try {
            id = git.resolve(expression);
          } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return null;
          }
          if (id == null) {
            return null;
          }
          try (RevWalk walk = new RevWalk(git)) {
            RevObject object = walk.parseAny(id);
            return object instanceof RevCommit
                ? commit(data, repository, (RevCommit) object)
                : null;
          } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
          }
        });
  }

  /** Branch {@code name} as a {@code Ref}, or null when there is no such branch (any more). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> branch(GraphqlData data, Repository repository, String name) {
    return (Map<String, Object>)
        read(repository, git -> ref(data, repository, git, git.exactRef(HEADS + name)));
  }

  /** Commit {@code sha} as a {@code Commit}, or null when the repository does not have it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> commit(GraphqlData data, Repository repository, String sha) {
    return (Map<String, Object>)
        read(
            repository,
            git -> {
              try (RevWalk walk = new RevWalk(git)) {
                return commit(data, repository, walk.parseCommit(ObjectId.fromString(sha)));
              } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                return null;
              }
            });
  }

  private static Map<String, Object> ref(
      GraphqlData data, Repository repository, org.eclipse.jgit.lib.Repository git, Ref ref)
      throws IOException {
    if (ref == null) {
      return null;
    }
    String full = ref.getName();
    int cut = full.startsWith(HEADS) ? HEADS.length() : full.lastIndexOf('/') + 1;
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "Ref");
    node.put("id", GraphqlData.opaqueId("REF", repository.id() + ":" + full));
    node.put("name", full.substring(cut));
    node.put("prefix", full.substring(0, cut));
    node.put("repository", repository);
    ObjectId target = ref.getObjectId();
    try (RevWalk walk = new RevWalk(git)) {
      RevObject object = walk.parseAny(target);
      node.put(
          "target",
          object instanceof RevCommit ? commit(data, repository, (RevCommit) object) : null);
    }
    return node;
  }

  static Map<String, Object> commit(GraphqlData data, Repository repository, RevCommit commit) {
    String sha = commit.getId().name();
    String path = "/" + repository.fullName() + "/commit/" + sha;
    String message = commit.getFullMessage();
    int newline = message.indexOf('\n');
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "Commit");
    node.put("id", GraphqlData.opaqueId("C", repository.id() + ":" + sha));
    node.put("oid", sha);
    node.put("abbreviatedOid", sha.substring(0, 7));
    node.put("message", message);
    node.put("messageHeadline", newline < 0 ? message : message.substring(0, newline));
    node.put("messageBody", newline < 0 ? "" : message.substring(newline + 1).strip());
    node.put("author", actor(commit.getAuthorIdent()));
    node.put("committer", actor(commit.getCommitterIdent()));
    node.put("authoredDate", Json.time(commit.getAuthorIdent().getWhenAsInstant()));
    node.put("committedDate", Json.time(commit.getCommitterIdent().getWhenAsInstant()));
    node.put("repository", repository);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    node.put("commitUrl", data.urls().web(path));
    return node;
  }

  /** A {@code GitActor}: who wrote or committed, as the commit records them. */
  private static Map<String, Object> actor(PersonIdent person) {
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("name", person.getName());
    actor.put("email", person.getEmailAddress());
    actor.put("date", Json.time(person.getWhenAsInstant()));
    return actor;
  }

  @FunctionalInterface
  private interface GitRead {
    Object apply(org.eclipse.jgit.lib.Repository git) throws IOException;
  }

  private static Object read(Repository repository, GitRead read) {
    try (org.eclipse.jgit.lib.Repository git =
        new FileRepositoryBuilder()
            .setGitDir(repository.gitDirectory().toFile())
            .setBare()
            .setMustExist(true)
            .build()) {
      return read.apply(git);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
