package io.github.ghapp.emulator.internal.graphql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import io.github.ghapp.emulator.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query that GitHub's schema refuses, worded as GitHub words it: GitHub's GraphQL server is
 * graphql-ruby, whose messages and {@code extensions.code} differ from graphql-java's. Each error
 * is {@code {path, extensions, locations, message}}, its path starting with the operation ({@code
 * "query"}, or {@code "query Name"}). The wording of {@code undefinedField} is GitHub's as seen in
 * its answers; the others follow graphql-ruby's messages and are unconfirmed against GitHub itself.
 * Validation rules without a GitHub wording here keep graphql-java's message, minus its prefix.
 */
final class GitHubValidationErrors {

  /** graphql-java's English messages (the request is validated in {@code Locale.ENGLISH}). */
  private static final Pattern UNDEFINED_FIELD =
      Pattern.compile("Field '(.+)' in type '(.+)' is undefined");

  private static final Pattern UNKNOWN_ARGUMENT = Pattern.compile("Unknown field argument '(.+)'");
  private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '(.+)'");
  private static final Pattern SUBSELECTION_REQUIRED =
      Pattern.compile("Subselection required for type '(.+)' of field '(.+)'");
  private static final Pattern SUBSELECTION_NOT_ALLOWED =
      Pattern.compile("Subselection not allowed on leaf type '(.+)' of field '(.+)'");
  private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unknown type '(.+)'");
  private static final Pattern UNUSED_VARIABLE = Pattern.compile("Unused variable '(.+)'");
  private static final Pattern UNDEFINED_VARIABLE = Pattern.compile("Undefined variable '(.+)'");
  private static final Pattern PREFIX = Pattern.compile("^Validation error \\([^)]*\\) : ");

  private GitHubValidationErrors() {}

  static ObjectNode render(ValidationError error, String query) {
    Document document = parse(query);
    OperationDefinition operation = firstOperation(document);
    String detail = PREFIX.matcher(error.getMessage()).replaceFirst("");
    List<String> fieldPath = error.getQueryPath() == null ? List.of() : error.getQueryPath();
    String field = fieldPath.isEmpty() ? "" : fieldPath.get(fieldPath.size() - 1);
    ObjectNode extensions = Json.object();
    String message = detail;
    Matcher m;
    if ((m = UNDEFINED_FIELD.matcher(detail)).find()) {
      message = "Field '" + m.group(1) + "' doesn't exist on type '" + m.group(2) + "'";
      extensions.put("code", "undefinedField").put("typeName", m.group(2));
      extensions.put("fieldName", m.group(1));
    } else if ((m = UNKNOWN_ARGUMENT.matcher(detail)).find()) {
      message = "Field '" + field + "' doesn't accept argument '" + m.group(1) + "'";
      extensions.put("code", "argumentNotAccepted").put("name", field).put("typeName", "Field");
      extensions.put("argumentName", m.group(1));
    } else if ((m = MISSING_ARGUMENT.matcher(detail)).find()) {
      message = "Field '" + field + "' is missing required arguments: " + m.group(1);
      extensions.put("code", "missingRequiredArguments").put("className", "Field");
      extensions.put("name", field).put("arguments", m.group(1));
    } else if ((m = SUBSELECTION_REQUIRED.matcher(detail)).find()) {
      message =
          "Field must have selections (field '"
              + m.group(2)
              + "' returns "
              + m.group(1)
              + " but has no selections. Did you mean '"
              + m.group(2)
              + " { ... }'?)";
      extensions.put("code", "selectionMismatch").put("nodeName", "field '" + m.group(2) + "'");
      extensions.put("typeName", m.group(1));
    } else if ((m = SUBSELECTION_NOT_ALLOWED.matcher(detail)).find()) {
      message =
          "Selections can't be made on scalars (field '"
              + m.group(2)
              + "' returns "
              + m.group(1)
              + " but has selections ["
              + String.join(", ", selectionsAt(document, error.getLocations()))
              + "])";
      extensions.put("code", "selectionMismatch").put("nodeName", "field '" + m.group(2) + "'");
      extensions.put("typeName", m.group(1));
    } else if ((m = UNKNOWN_TYPE.matcher(detail)).find()) {
      message = "No such type " + m.group(1) + ", so it can't be a fragment condition";
      extensions.put("code", "undefinedType").put("typeName", m.group(1));
    } else if ((m = UNUSED_VARIABLE.matcher(detail)).find()) {
      message =
          "Variable $" + m.group(1) + " is declared by " + byWhom(operation) + " but not used";
      extensions.put("code", "variableNotUsed").put("variableName", m.group(1));
    } else if ((m = UNDEFINED_VARIABLE.matcher(detail)).find()) {
      message =
          "Variable $" + m.group(1) + " is used by " + byWhom(operation) + " but not declared";
      extensions.put("code", "variableNotDefined").put("variableName", m.group(1));
    }
    ObjectNode node = Json.object();
    ArrayNode path = node.putArray("path");
    path.add(label(operation));
    fieldPath.forEach(path::add);
    if (extensions.size() > 0) {
      node.set("extensions", extensions);
    }
    if (error.getLocations() != null && !error.getLocations().isEmpty()) {
      ArrayNode locations = node.putArray("locations");
      for (SourceLocation location : error.getLocations()) {
        locations.addObject().put("line", location.getLine()).put("column", location.getColumn());
      }
    }
    node.put("message", message);
    return node;
  }

  /** The query parsed again (validation only runs on queries that parse). */
  private static Document parse(String query) {
    try {
      return Parser.parse(query);
    } catch (RuntimeException e) {
      return Document.newDocument().build();
    }
  }

  private static OperationDefinition firstOperation(Document document) {
    return document.getDefinitionsOfType(OperationDefinition.class).stream()
        .findFirst()
        .orElse(null);
  }

  /** {@code query}, {@code query Name}, {@code mutation Name}: how GitHub's paths begin. */
  private static String label(OperationDefinition operation) {
    if (operation == null) {
      return "query";
    }
    String kind = operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    return operation.getName() == null ? kind : kind + " " + operation.getName();
  }

  private static String byWhom(OperationDefinition operation) {
    return operation == null || operation.getName() == null
        ? "anonymous " + label(operation)
        : operation.getName();
  }

  /** The names selected under the field at these locations, for the scalar-selection message. */
  private static List<String> selectionsAt(Document document, List<SourceLocation> locations) {
    List<String> names = new ArrayList<>();
    if (locations == null || locations.isEmpty()) {
      return names;
    }
    SourceLocation at = locations.get(0);
    for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
      collect(operation.getSelectionSet(), at, names);
    }
    for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
      collect(fragment.getSelectionSet(), at, names);
    }
    return names;
  }

  private static void collect(SelectionSet set, SourceLocation at, List<String> names) {
    if (set == null) {
      return;
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field) {
        Field field = (Field) selection;
        SourceLocation here = field.getSourceLocation();
        if (here != null
            && here.getLine() == at.getLine()
            && here.getColumn() == at.getColumn()
            && field.getSelectionSet() != null) {
          field.getSelectionSet().getSelections().stream()
              .filter(Field.class::isInstance)
              .map(s -> ((Field) s).getName())
              .forEach(names::add);
        }
        collect(field.getSelectionSet(), at, names);
      } else if (selection instanceof InlineFragment) {
        collect(((InlineFragment) selection).getSelectionSet(), at, names);
      }
    }
  }
}
