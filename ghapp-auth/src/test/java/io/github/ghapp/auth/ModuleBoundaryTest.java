package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module lock, proved with javac: a consumer module ({@code requires io.github.ghapp.auth})
 * compiled against this module as built (target/classes with its module-info) and its dependencies
 * can use the API package and cannot reach any {@code internal} package. Were module-info to export
 * an internal package, the second test would fail.
 */
class ModuleBoundaryTest {
  @TempDir Path dir;

  @Test
  void consumerModule_usingTheApi_compiles() throws IOException {
    String diagnostics =
        compile(
            "import io.github.ghapp.auth.GitHubApp;\n"
                + "import io.github.ghapp.auth.TokenProvider;\n"
                + "public class Uses {\n"
                + "  TokenProvider tokens(GitHubApp app) { return app.tokenProvider(42); }\n"
                + "}\n");

    assertThat(diagnostics).as("javac's diagnostics").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "io.github.ghapp.auth.internal.credentials.TokenCredentials",
        "io.github.ghapp.auth.internal.http.RestCaller",
        "io.github.ghapp.auth.internal.jwt.AppJwts",
        "io.github.ghapp.auth.internal.token.TokenCache"
      })
  void consumerModule_importingAnInternalClass_isRefusedAsNotExported(String internalClass)
      throws IOException {
    String packageName = internalClass.substring(0, internalClass.lastIndexOf('.'));

    String diagnostics =
        compile("import " + internalClass + ";\n" + "public class Uses {\n  Object o;\n}\n");

    assertThat(diagnostics)
        .contains("package " + packageName + " is not visible")
        .contains("module io.github.ghapp.auth, which does not export it");
  }

  /** Compiles module {@code consumer} with {@code uses} as its class; javac's errors, or "". */
  private String compile(String uses) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/consumer"));
    Files.writeString(
        dir.resolve("src/module-info.java"), "module consumer { requires io.github.ghapp.auth; }");
    Files.writeString(src.resolve("Uses.java"), "package consumer;\n" + uses);
    Path out = Files.createDirectories(dir.resolve("out"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean compiled =
          javac
              .getTask(
                  diagnostics,
                  files,
                  null,
                  List.of(
                      "--release", "17",
                      // this module as built, and the modules it needs, as the tests run on them
                      "--module-path", System.getProperty("jdk.module.path"),
                      "-d", out.toString()),
                  null,
                  files.getJavaFileObjects(
                      dir.resolve("src/module-info.java"), src.resolve("Uses.java")))
              .call();
      assertThat(compiled || !diagnostics.toString().isEmpty())
          .as("javac fails only with a diagnostic")
          .isTrue();
    }
    return diagnostics.toString();
  }
}
