/**
 * GitHub's side, locally: the App-authentication REST endpoints, GraphQL, Git over HTTP and webhook
 * delivery, as a server ({@code GitHubEmulator}) and a JUnit 5 extension. Only {@code
 * io.github.ghapp.emulator} is API; the {@code internal} packages are closed to every other module.
 */
@SuppressWarnings("requires-automatic") // JGit and graphql-java have an Automatic-Module-Name only
module io.github.ghapp.emulator {
  exports io.github.ghapp.emulator;

  // GitHubEmulatorExtension is JUnit's callbacks, in its API; only tests that use it bring JUnit
  requires static transitive org.junit.jupiter.api;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.graphqljava;
  requires com.nimbusds.jose.jwt;
  requires io.github.ghapp.permissions.data;
  requires jakarta.servlet;
  requires java.net.http;
  requires org.eclipse.jetty.ee10.servlet;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires org.eclipse.jgit;
  requires org.eclipse.jgit.http.server;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.slf4j;
}
