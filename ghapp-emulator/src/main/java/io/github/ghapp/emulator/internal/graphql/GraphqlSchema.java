package io.github.ghapp.emulator.internal.graphql;

import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The executable schema: GitHub's whole public schema ({@code github-schema.graphql} beside this
 * class, from {@code @octokit/graphql-schema}), so that every query is validated as GitHub
 * validates it, with resolvers for what the emulator models. A field nobody resolves answers null
 * with an error naming it ({@link Unmodelled}).
 *
 * <p>The schema is parsed once per JVM, on the first GraphQL request (parsing 380 KB of SDL takes a
 * noticeable fraction of a second, which emulators that never see a GraphQL query should not pay).
 * Resolvers find the emulator they answer for in the request's context ({@link GraphqlData#of}).
 */
final class GraphqlSchema {

  private static final String RESOURCE = "github-schema.graphql";

  private GraphqlSchema() {}

  /** The shared executable schema, built on first use. */
  static GraphQL graphql() {
    return Shared.GRAPHQL;
  }

  /** Holder idiom: built by the first caller, safely published to all. */
  private static final class Shared {
    static final GraphQL GRAPHQL = GraphQL.newGraphQL(build()).build();
  }

  private static GraphQLSchema build() {
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .wiringFactory(new GitHubWiring())
            .type(
                "Query",
                type ->
                    type.dataFetcher("viewer", resolve(GraphqlData::viewer))
                        .dataFetcher("repository", resolve(GraphqlData::repository))
                        .dataFetcher("rateLimit", resolve(GraphqlData::rateLimit))
                        .dataFetcher("node", resolve(NodeData::node))
                        .dataFetcher("nodes", resolve(NodeData::nodes)))
            .type(
                "Repository",
                type ->
                    type.dataFetcher("databaseId", env -> GraphqlData.sourceRepository(env).id())
                        .dataFetcher("id", resolve(GraphqlData::repositoryId))
                        .dataFetcher(
                            "isPrivate", env -> GraphqlData.sourceRepository(env).isPrivate())
                        .dataFetcher("name", env -> GraphqlData.sourceRepository(env).name())
                        .dataFetcher(
                            "nameWithOwner", env -> GraphqlData.sourceRepository(env).fullName())
                        .dataFetcher("owner", resolve(GraphqlData::repositoryOwner))
                        .dataFetcher("url", resolve(GraphqlData::repositoryUrl))
                        .dataFetcher("visibility", resolve(GraphqlData::repositoryVisibility))
                        .dataFetcher("issue", resolve(GraphqlData::issue))
                        .dataFetcher("issues", resolve(GraphqlData::issues))
                        .dataFetcher("defaultBranchRef", resolve(GitData::defaultBranchRef))
                        .dataFetcher("ref", resolve(GitData::ref))
                        .dataFetcher("refs", resolve(GitData::refs))
                        .dataFetcher("object", resolve(GitData::object))
                        .dataFetcher("pullRequest", resolve(PullRequestData::pullRequest))
                        .dataFetcher("pullRequests", resolve(PullRequestData::pullRequests))
                        .dataFetcher(
                            "issueOrPullRequest", resolve(PullRequestData::issueOrPullRequest))
                        .dataFetcher("labels", resolve(LabelData::repositoryLabels))
                        .dataFetcher("label", resolve(LabelData::repositoryLabel)))
            .type("Issue", type -> type.dataFetcher("labels", resolve(LabelData::labelsOf)))
            .type(
                "PullRequest",
                type ->
                    type.dataFetcher("labels", resolve(LabelData::labelsOf))
                        .dataFetcher("databaseId", resolve(PullRequestData::databaseId))
                        .dataFetcher("headRef", resolve(PullRequestData::headRef))
                        .dataFetcher("baseRef", resolve(PullRequestData::baseRef))
                        .dataFetcher("mergeCommit", resolve(PullRequestData::mergeCommit))
                        .dataFetcher("mergeable", resolve(PullRequestData::mergeable))
                        .dataFetcher("commits", resolve(PullRequestData::commits))
                        .dataFetcher("additions", resolve(PullRequestData::additions))
                        .dataFetcher("deletions", resolve(PullRequestData::deletions))
                        .dataFetcher("changedFiles", resolve(PullRequestData::changedFiles))
                        .dataFetcher(
                            "statusCheckRollup", resolve(PullRequestData::statusCheckRollup))
                        .dataFetcher("reviews", resolve(ReviewData::reviews)))
            .type(
                "PullRequestReview",
                type -> type.dataFetcher("commit", resolve(ReviewData::commit)))
            .type(
                "Commit",
                type ->
                    type.dataFetcher("checkSuites", resolve(CheckData::checkSuites))
                        .dataFetcher(
                            "associatedPullRequests",
                            resolve(PullRequestData::associatedPullRequests))
                        .dataFetcher("status", resolve(StatusData::status))
                        .dataFetcher("statusCheckRollup", resolve(StatusData::statusCheckRollup)))
            .type(
                "CheckSuite",
                type ->
                    type.dataFetcher("checkRuns", resolve(CheckData::checkRuns))
                        .dataFetcher("commit", resolve(CheckData::commitOfSuite))
                        .dataFetcher("branch", resolve(CheckData::branchOfSuite))
                        .dataFetcher(
                            "matchingPullRequests", resolve(PullRequestData::matchingPullRequests)))
            .type(
                "CheckRun", type -> type.dataFetcher("checkSuite", resolve(CheckData::suiteOfRun)))
            .type("Status", type -> type.dataFetcher("context", resolve(StatusData::contextNamed)))
            .type(
                "StatusCheckRollup",
                type -> type.dataFetcher("contexts", resolve(StatusData::rollupContexts)))
            .build();
    // Not keeping each type's AST (nobody reads it) makes building the schema several times faster.
    SchemaGenerator.Options options =
        SchemaGenerator.Options.defaultOptions().captureAstDefinitions(false);
    return new SchemaGenerator()
        .makeExecutableSchema(options, new SchemaParser().parse(sdl()), wiring);
  }

  /** A resolver of {@link GraphqlData}, bound to the emulator of the request being answered. */
  private static DataFetcher<Object> resolve(
      BiFunction<GraphqlData, DataFetchingEnvironment, Object> resolver) {
    return env -> resolver.apply(GraphqlData.of(env), env);
  }

  private static String sdl() {
    try (InputStream in = GraphqlSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the ghapp-emulator jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What GitHub's schema needs beyond the explicit wiring: its custom scalars (all written as JSON
   * strings), a type resolver for its 45 interfaces and 43 unions (each object map names its type
   * under {@link GraphqlData#TYPE}), and the default resolver for every other field.
   */
  private static final class GitHubWiring implements WiringFactory {

    private static final TypeResolver BY_TYPE_KEY =
        env -> {
          Object source = env.getObject();
          String type =
              source instanceof Map
                  ? (String) ((Map<?, ?>) source).get(GraphqlData.TYPE)
                  : GraphqlData.typeOf(source);
          return type == null ? null : env.getSchema().getObjectType(type);
        };

    @Override
    public boolean providesScalar(ScalarWiringEnvironment environment) {
      return !ScalarInfo.isGraphqlSpecifiedScalar(environment.getScalarTypeDefinition().getName());
    }

    @Override
    public GraphQLScalarType getScalar(ScalarWiringEnvironment environment) {
      return stringScalar(environment.getScalarTypeDefinition().getName());
    }

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
      return BY_TYPE_KEY;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
      return BY_TYPE_KEY;
    }

    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
      return Unmodelled.orFromMap(
          environment.getParentType().getName(), environment.getFieldDefinition().getName());
    }
  }

  /** GitHub's string-shaped scalars ({@code URI}, {@code DateTime}, {@code GitObjectID}, ...). */
  private static GraphQLScalarType stringScalar(String name) {
    return GraphQLScalarType.newScalar()
        .name(name)
        .coercing(
            new Coercing<Object, String>() {
              @Override
              public String serialize(Object value, GraphQLContext context, Locale locale) {
                return value.toString();
              }

              @Override
              public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof String) {
                  return input;
                }
                throw new CoercingParseValueException(
                    "Could not coerce value " + input + " to " + name);
              }

              @Override
              public Object parseLiteral(
                  Value<?> input,
                  CoercedVariables variables,
                  GraphQLContext context,
                  Locale locale) {
                if (input instanceof StringValue) {
                  return ((StringValue) input).getValue();
                }
                throw new CoercingParseLiteralException(
                    "Could not coerce literal " + input + " to " + name);
              }
            })
        .build();
  }
}
