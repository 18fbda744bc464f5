package io.github.ghapp.cli;

import io.github.ghapp.emulator.EmulatorTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ghapp emulator --tls}: the per-run CA written beside the keys ({@code ca.pem}, {@code
 * truststore.p12}), and the lines that make common clients trust it.
 */
final class Trust {

  private final EmulatorTls tls;
  private final Path caFile;
  private final Path trustStore;

  private Trust(EmulatorTls tls, Path caFile, Path trustStore) {
    this.tls = tls;
    this.caFile = caFile;
    this.trustStore = trustStore;
  }

  static Trust writeBeside(EmulatorTls tls, Path keys) throws IOException {
    Path caFile = keys.resolve("ca.pem");
    PrivateFiles.write(caFile, tls.caCertificatePem().getBytes(StandardCharsets.US_ASCII));
    Path trustStore = keys.resolve("truststore.p12");
    PrivateFiles.write(trustStore, Files.readAllBytes(tls.trustStore()));
    return new Trust(tls, caFile, trustStore);
  }

  void describe(PrintWriter out) {
    String ca = caFile.toString();
    Map<String, String> variables = tls.environment();
    out.println();
    out.println("HTTPS with a CA made for this run (" + ca + "). Trust it from another shell:");
    out.println(
        "  export "
            + variables.keySet().stream()
                .map(name -> name + "=" + ca)
                .collect(Collectors.joining(" ")));
    String javaOptions =
        "-Djavax.net.ssl.trustStore="
            + trustStore
            + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword="
            + tls.trustStorePassword();
    out.println("  java " + javaOptions + " ...");
    out.println("  export JAVA_TOOL_OPTIONS='" + javaOptions + "'   # ghapp and any other JVM");
    out.println(
        "  (all but NODE_EXTRA_CA_CERTS replace a client's own CAs: it then trusts the emulator"
            + " only)");
    out.flush();
  }
}
