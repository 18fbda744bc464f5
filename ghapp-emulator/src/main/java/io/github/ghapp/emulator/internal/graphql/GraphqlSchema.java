package io.github.ghapp.emulator.internal.graphql;

import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the executable schema: GitHub's type definitions ({@code schema.graphqls}, beside this
 * class) wired to {@link GraphqlData}. Built once per emulator.
 */
final class GraphqlSchema {

  private GraphqlSchema() {}

  static GraphQL build(GraphqlData data) {
    TypeResolver byTypeKey =
        env ->
            env.getSchema()
                .getObjectType((String) ((Map<?, ?>) env.getObject()).get(GraphqlData.TYPE));
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .scalar(
                stringScalar(
                    "URI", "An RFC 3986, RFC 3987, and RFC 6570 (level 4) compliant URI string."))
            .scalar(stringScalar("DateTime", "An ISO-8601 encoded UTC date string."))
            .type(
                "Query",
                type ->
                    type.dataFetcher("viewer", data::viewer)
                        .dataFetcher("repository", data::repository)
                        .dataFetcher("rateLimit", data::rateLimit))
            .type(
                "Repository",
                type ->
                    type.dataFetcher("databaseId", env -> GraphqlData.sourceRepository(env).id())
                        .dataFetcher("id", data::repositoryId)
                        .dataFetcher(
                            "isPrivate", env -> GraphqlData.sourceRepository(env).isPrivate())
                        .dataFetcher("name", env -> GraphqlData.sourceRepository(env).name())
                        .dataFetcher(
                            "nameWithOwner", env -> GraphqlData.sourceRepository(env).fullName())
                        .dataFetcher("owner", data::repositoryOwner)
                        .dataFetcher("url", data::repositoryUrl)
                        .dataFetcher("visibility", data::repositoryVisibility)
                        .dataFetcher("issue", data::issue)
                        .dataFetcher("issues", data::issues))
            .type("Actor", type -> type.typeResolver(byTypeKey))
            .type("RepositoryOwner", type -> type.typeResolver(byTypeKey))
            .build();
    GraphQLSchema schema =
        new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl()), wiring);
    return GraphQL.newGraphQL(schema).build();
  }

  private static String sdl() {
    try (InputStream in = GraphqlSchema.class.getResourceAsStream("schema.graphqls")) {
      if (in == null) {
        throw new IllegalStateException("schema.graphqls is missing from the ghapp-emulator jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GitHub's string-shaped scalars: written and read as JSON strings. */
  private static GraphQLScalarType stringScalar(String name, String description) {
    return GraphQLScalarType.newScalar()
        .name(name)
        .description(description)
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
