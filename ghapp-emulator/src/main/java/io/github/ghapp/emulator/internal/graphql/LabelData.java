package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.Label;
import io.github.ghapp.emulator.internal.state.Repository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels: a repository's ({@code labels}, {@code label(name:)}) and an issue's or pull request's
 * ({@code labels(first:)}), with the ids REST gives them. A repository's labels need {@code issues:
 * read} or {@code pull_requests: read}, as REST's label routes accept either (unconfirmed for
 * GraphQL); an issue's or pull request's come with it.
 */
final class LabelData {

  private LabelData() {}

  /** {@code Repository.labels(first:, orderBy:, query:)}. */
  static Object repositoryLabels(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!mayRead(data, env, repository)) {
      return GraphqlData.forbidden(env);
    }
    String query = env.getArgument("query");
    List<Label> labels = new ArrayList<>();
    for (Label label : data.issueState().labels(repository.id())) {
      // Unconfirmed: GitHub documents query as matching names and descriptions.
      if (query == null
          || contains(label.name(), query)
          || (label.description() != null && contains(label.description(), query))) {
        labels.add(label);
      }
    }
    return connection(data, env, labels, repository);
  }

  /** {@code Repository.label(name:)}: null when there is none of that name, as on GitHub. */
  static Object repositoryLabel(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!mayRead(data, env, repository)) {
      return GraphqlData.forbidden(env);
    }
    String name = env.getArgument("name");
    return data.issueState()
        .label(repository.id(), name)
        .map(l -> label(data, l, repository))
        .orElse(null);
  }

  /** {@code labels(first:)} of an {@code Issue} or {@code PullRequest} map. */
  static Object labelsOf(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    Issue issue = (Issue) source.get(GraphqlData.ISSUE);
    Repository repository = (Repository) source.get("repository");
    return connection(data, env, issue.labels(), repository);
  }

  static Map<String, Object> lookUp(GraphqlData data, DataFetchingEnvironment env, long id) {
    for (Repository repository : data.readable(env, "metadata")) {
      if (mayRead(data, env, repository)) {
        for (Label label : data.issueState().labels(repository.id())) {
          if (label.id() == id) {
            return label(data, label, repository);
          }
        }
      }
    }
    return null;
  }

  private static Object connection(
      GraphqlData data, DataFetchingEnvironment env, List<Label> labels, Repository repository) {
    List<Label> ordered = new ArrayList<>(labels);
    ordered.sort(order(env.getArgument("orderBy")));
    return ConnectionPage.answer(
        env, ordered, l -> Long.toString(l.id()), "labels", l -> label(data, l, repository));
  }

  /** {@code CREATED_AT} by id (ids grow as labels are made), {@code NAME} by name in any case. */
  private static Comparator<Label> order(Map<String, Object> orderBy) {
    Comparator<Label> order = Comparator.comparingLong(Label::id);
    if (orderBy != null && "NAME".equals(orderBy.get("field"))) {
      order =
          Comparator.comparing((Label l) -> l.name().toLowerCase(Locale.ROOT))
              .thenComparingLong(Label::id);
    }
    return orderBy != null && "DESC".equals(orderBy.get("direction")) ? order.reversed() : order;
  }

  static Map<String, Object> label(GraphqlData data, Label label, Repository repository) {
    String path =
        "/"
            + repository.fullName()
            + "/labels/"
            + URLEncoder.encode(label.name(), StandardCharsets.UTF_8).replace("+", "%20");
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "Label");
    node.put("color", label.color());
    node.put("description", label.description());
    node.put("id", Representations.nodeId("Label", label.id()));
    node.put("isDefault", label.isDefault());
    node.put("name", label.name());
    node.put("repository", repository);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    return node;
  }

  private static boolean contains(String text, String query) {
    return text.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
  }

  private static boolean mayRead(
      GraphqlData data, DataFetchingEnvironment env, Repository repository) {
    return data.mayRead(env, repository, "issues")
        || data.mayRead(env, repository, "pull_requests");
  }
}
