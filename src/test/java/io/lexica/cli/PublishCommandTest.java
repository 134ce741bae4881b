package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.ModelWeights;
import io.lexica.vectors.WordVectors;
import io.lexica.vectors.store.ModelArchive;
import io.lexica.vectors.store.StoreOptions;
import io.lexica.vectors.store.VectorStoreWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lexica publish} against a tiny HTTP server in the test's JVM that records the requests and
 * answers as the plugin, or as a cluster without it, would (the plugin's side is tested in the
 * OpenSearch cluster, ClusterModelsTest).
 */
class PublishCommandTest {
  @TempDir Path dir;

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();

  /** A server whose answer to each request is {@code answer.apply("METHOD /path")}. */
  private String serve(Function<String, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        (HttpExchange x) -> {
          String request = x.getRequestMethod() + " " + x.getRequestURI().getPath();
          synchronized (requests) {
            requests.add(request);
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          }
          Answer a = answer.apply(request);
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(a.status(), body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  private record Answer(int status, String body) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Path model() {
    WordVectors vectors =
        new WordVectors(
            List.of("car", "automobile", "banana"),
            new float[] {1, 0, 0.9f, 0.1f, 0, 1},
            2,
            new long[] {5, 4, 3});
    Path model = dir.resolve("model");
    VectorStoreWriter.write(
        ModelWeights.of(vectors),
        Map.of("algorithm", "test"),
        model,
        StoreOptions.DEFAULT,
        OutputPolicy.overwrite(false));
    return model;
  }

  @Test
  void sendsTheArchiveInPartsThenCommitsItsSizeAndChecksum() throws Exception {
    String url =
        serve(
            r ->
                switch (r) {
                  case "GET /_lexica/models/wiki" ->
                      new Answer(
                          404,
                          "{\"error\":{\"root_cause\":[{\"reason\":\"lexica model [wiki] is not"
                              + " kept in the cluster\"}]},\"status\":404}");
                  case "PUT /_lexica/models/wiki" ->
                      new Answer(200, "{\"acknowledged\":true,\"model\":{\"version\":1}}");
                  default -> new Answer(200, "{\"acknowledged\":true}");
                });
    Path model = model();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    String sha = ModelArchive.write(model, expected);
    CliRun run =
        CliRun.run(
            "publish", model.toString(), "--url", url, "--name", "wiki", "--part-size", "1k");
    assertEquals(0, run.code(), run.err());
    int parts = (expected.size() + 1023) / 1024;
    assertTrue(parts > 1, "the test model must take several parts");
    assertEquals(parts + 2, requests.size(), requests.toString());
    assertEquals("GET /_lexica/models/wiki", requests.get(0));
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    String upload = null;
    for (int i = 0; i < parts; i++) {
      assertEquals("PUT /_lexica/models/wiki/_parts/" + i, requests.get(1 + i));
      Map<String, Object> body = PublishCommand.read(bodies.get(1 + i));
      upload = upload == null ? (String) body.get("upload") : upload;
      assertEquals(upload, body.get("upload"));
      sent.write(Base64.getDecoder().decode((String) body.get("data")));
    }
    assertArrayEquals(expected.toByteArray(), sent.toByteArray());
    assertEquals("PUT /_lexica/models/wiki", requests.get(parts + 1));
    Map<String, Object> commit = PublishCommand.read(bodies.get(parts + 1));
    assertEquals(
        Map.of("upload", upload, "parts", parts, "size", expected.size(), "sha256", sha), commit);
    assertTrue(
        run.out().contains("as [wiki] version 1: " + expected.size() + " bytes, sha256 " + sha),
        run.out());
  }

  @Test
  void credentialsGoWithEveryRequestAndARefusalNamesTheFix() throws Exception {
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    List<String> authorizations = new ArrayList<>();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          String auth = x.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth);
          x.getRequestBody().readAllBytes();
          boolean ok = expected.equals(auth);
          String path = x.getRequestURI().getPath();
          byte[] body =
              (!ok
                      ? "{\"error\":{\"reason\":\"Unauthorized\"},\"status\":401}"
                      : x.getRequestMethod().equals("GET")
                          ? "{\"error\":{\"reason\":\"lexica model [m] is not kept in the cluster\"},\"status\":404}"
                          : path.endsWith("/m")
                              ? "{\"model\":{\"version\":1}}"
                              : "{\"acknowledged\":true}")
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(
              !ok ? 401 : x.getRequestMethod().equals("GET") ? 404 : 200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    String url =
        "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    Path model = model();
    Function<String, String> saved = PublishCommand.environment;
    try {
      CliRun run = CliRun.run("publish", model.toString(), "--url", url, "--name", "m");
      assertEquals(3, run.code(), run.err());
      assertTrue(
          run.err().contains("(HTTP 401)") && run.err().contains("fix: give a user with --user"),
          run.err());
      PublishCommand.environment = v -> null;
      run = CliRun.run("publish", model.toString(), "--url", url, "--name", "m", "--user", "alice");
      assertEquals(3, run.code(), run.err());
      assertTrue(run.err().contains("LEXICA_PASSWORD is not set"), run.err());
      PublishCommand.environment = v -> v.equals("LEXICA_PASSWORD") ? "wrong" : null;
      run = CliRun.run("publish", model.toString(), "--url", url, "--name", "m", "--user", "alice");
      assertEquals(3, run.code(), run.err());
      assertTrue(run.err().contains("fix: check the password in LEXICA_PASSWORD"), run.err());
      authorizations.clear();
      PublishCommand.environment = v -> v.equals("LEXICA_PASSWORD") ? "s3cret" : null;
      run = CliRun.run("publish", model.toString(), "--url", url, "--name", "m", "--user", "alice");
      assertEquals(0, run.code(), run.err());
      assertTrue(authorizations.size() >= 3, authorizations.toString());
      assertTrue(authorizations.stream().allMatch(expected::equals), authorizations.toString());
    } finally {
      PublishCommand.environment = saved;
    }
  }

  @Test
  void refusalsNameTheCauseAndTheFixBeforeAnyUpload() throws Exception {
    Path model = model();
    // Nobody listens there.
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    CliRun run =
        CliRun.run(
            "publish", model.toString(), "--url", "http://127.0.0.1:" + closed, "--name", "m");
    assertEquals(3, run.code(), run.err());
    assertTrue(
        run.err().startsWith("lexica publish: cannot connect to http://127.0.0.1:" + closed),
        run.err());
    assertTrue(run.err().contains("fix: start OpenSearch there"), run.err());
    // Not an address.
    run = CliRun.run("publish", model.toString(), "--url", "localhost:9200", "--name", "m");
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("is not a cluster's address"), run.err());
    // A cluster without the plugin.
    String url =
        serve(
            r ->
                r.startsWith("GET")
                    ? new Answer(
                        400,
                        "{\"error\":\"no handler found for uri [/_lexica/models/m] and method"
                            + " [GET]\",\"status\":400}")
                    : new Answer(
                        401, "{\"error\":{\"reason\":\"missing credentials\"},\"status\":401}"));
    run = CliRun.run("publish", model.toString(), "--url", url, "--name", "m");
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("has no Lexica plugin"), run.err());
    assertTrue(run.err().contains("fix: install the plugin on every node"), run.err());
    // Not a model: refused before the cluster is asked anything.
    requests.clear();
    Path notModel = Files.createDirectories(dir.resolve("empty"));
    run = CliRun.run("publish", notModel.toString(), "--url", url, "--name", "m");
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("is not a model"), run.err());
    assertEquals(List.of(), requests);
    // Too large a part.
    run =
        CliRun.run("publish", model.toString(), "--url", url, "--name", "m", "--part-size", "64m");
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("--part-size"), run.err());
    assertEquals(List.of(), requests);
  }
}
