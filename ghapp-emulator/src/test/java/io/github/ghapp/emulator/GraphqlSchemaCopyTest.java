package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.github.ghapp.emulator.fixtures.NpmPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The emulator's copy of GitHub's GraphQL schema is GitHub's published one ({@code
 * @octokit/graphql-schema}, the version its header names) without the descriptions: the same
 * types, fields, arguments, defaults, enum values, union members and directives, one by one.
 */
class GraphqlSchemaCopyTest {

  private static final String COPY =
      "/io/github/ghapp/emulator/internal/graphql/github-schema.graphql";

  @Test
  void copy_hasEveryDefinitionOfThePublishedSchema_andNothingElse() throws IOException {
    String copy = read();
    String version =
        copy.lines().findFirst().orElseThrow().replaceAll(".*graphql-schema (\\S+),.*", "$1");
    String published =
        Files.readString(
            NpmPackage.of("@octokit/graphql-schema", version)
                .only("schema.graphql")
                .directory()
                .resolve("schema.graphql"));

    Set<String> ofCopy = signatures(new SchemaParser().parse(copy));
    Set<String> ofPublished = signatures(new SchemaParser().parse(published));

    assertThat(ofCopy).hasSizeGreaterThan(10_000).isEqualTo(ofPublished);
  }

  private static String read() throws IOException {
    try (InputStream in = GraphqlSchemaCopyTest.class.getResourceAsStream(COPY)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One line per type, field, argument, enum value, union member and directive definition. */
  private static Set<String> signatures(TypeDefinitionRegistry registry) {
    Set<String> all = new TreeSet<>();
    for (TypeDefinition<?> type : registry.types().values()) {
      String name = type.getClass().getSimpleName() + " " + type.getName();
      all.add(name + directives(type.getDirectives()));
      if (type instanceof ImplementingTypeDefinition) {
        ImplementingTypeDefinition<?> implementing = (ImplementingTypeDefinition<?>) type;
        all.add(name + " implements " + printed(implementing.getImplements()));
        for (FieldDefinition field : implementing.getFieldDefinitions()) {
          all.add(name + "." + field(field));
        }
      } else if (type instanceof InputObjectTypeDefinition) {
        for (InputValueDefinition field :
            ((InputObjectTypeDefinition) type).getInputValueDefinitions()) {
          all.add(name + "." + input(field));
        }
      } else if (type instanceof EnumTypeDefinition) {
        ((EnumTypeDefinition) type)
            .getEnumValueDefinitions()
            .forEach(v -> all.add(name + "." + v.getName() + directives(v.getDirectives())));
      } else if (type instanceof UnionTypeDefinition) {
        all.add(name + " = " + printed(((UnionTypeDefinition) type).getMemberTypes()));
      }
    }
    registry.scalars().keySet().forEach(s -> all.add("scalar " + s));
    for (DirectiveDefinition directive : registry.getDirectiveDefinitions().values()) {
      all.add(
          "directive @"
              + directive.getName()
              + directive.getInputValueDefinitions().stream()
                  .map(GraphqlSchemaCopyTest::input)
                  .collect(Collectors.joining(", ", "(", ")"))
              + " on "
              + printed(directive.getDirectiveLocations()));
    }
    return all;
  }

  private static String field(FieldDefinition field) {
    return field.getName()
        + field.getInputValueDefinitions().stream()
            .map(GraphqlSchemaCopyTest::input)
            .collect(Collectors.joining(", ", "(", ")"))
        + ": "
        + AstPrinter.printAst(field.getType())
        + directives(field.getDirectives());
  }

  private static String input(InputValueDefinition input) {
    return input.getName()
        + ": "
        + AstPrinter.printAst(input.getType())
        + (input.getDefaultValue() == null
            ? ""
            : " = " + AstPrinter.printAst(input.getDefaultValue()))
        + directives(input.getDirectives());
  }

  private static String directives(List<Directive> directives) {
    return directives.stream().map(d -> " " + AstPrinter.printAst(d)).collect(Collectors.joining());
  }

  @SuppressWarnings("rawtypes")
  private static String printed(List<? extends graphql.language.Node> nodes) {
    return nodes.stream().map(n -> AstPrinter.printAst(n)).collect(Collectors.joining(" & "));
  }
}
