package io.lexica.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lexica.LexicaException;
import io.lexica.util.Progress;
import io.lexica.util.TempDirectory;
import io.lexica.vectors.store.ModelArchive;
import io.lexica.vectors.store.ModelFiles;
import io.lexica.vectors.store.VectorStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lexica publish}: uploads a model to an OpenSearch cluster with the Lexica plugin, where
 * every node serves it (the plugin's {@code PUT /_lexica/models/<name>}).
 *
 * <p>Order of work: the cheap checks first (the model opens; the cluster answers, has the plugin
 * and accepts the name), then the archive is packed into a temporary file with its SHA-256, sent in
 * parts of {@code --part-size} bytes (base64 in JSON: OpenSearch's REST layer takes no binary
 * bodies) under a fresh upload id, and committed with its size and checksum. The cluster checks
 * both and that the archive is a model before it serves the new version, so a failed publish leaves
 * the version before serving.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads a model to an OpenSearch cluster that has the Lexica plugin: the cluster keeps it"
          + " (a new version for a name it already has) and every node serves it from then on, to"
          + " lexica_expand, lexica_synonyms, lexica_embed and /_lexica/NAME/neighbors.",
      "Exit code 0: published; 3: the model, the cluster or the name was refused (the message says"
          + " why and what to do)."
    })
final class PublishCommand implements Callable<Integer> {
  private static final JsonFactory JSON = new JsonFactory();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory.")
  Path model;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "The cluster's HTTP address, e.g. http://localhost:9200.")
  String url;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The model's name in the cluster (what queries give as \"model\").")
  String name;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      defaultValue = "8m",
      converter = OptionTypes.ByteSize.class,
      description = "Bytes of the archive per request (at most 32m; bodies are a third larger).")
  long partSize;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Sends HTTP basic credentials (the security plugin's internal users), with the password"
              + " from the environment variable "
              + PASSWORD_VARIABLE
              + " (never on the command line, where other users of the machine see it). Default:"
              + " no credentials.")
  String user;

  static final String PASSWORD_VARIABLE = "LEXICA_PASSWORD";

  /** Where the password is read from: the process environment (tests replace it). */
  static Function<String, String> environment = System::getenv;

  private String authorization;

  @Override
  public Integer call() throws IOException {
    if (user != null) {
      String password = environment.apply(PASSWORD_VARIABLE);
      if (password == null || password.isEmpty()) {
        throw new LexicaException(
            "--user " + user + " needs a password, and " + PASSWORD_VARIABLE + " is not set",
            "export " + PASSWORD_VARIABLE + "=... before publishing (or leave --user out)");
      }
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
    if (partSize > 32L << 20) {
      throw new LexicaException(
          "--part-size " + partSize + " is more than the cluster takes in one part (32m)",
          "give at most 32m; the default, 8m, is right for most clusters");
    }
    URI base = baseUri(url);
    PrintWriter out = spec.commandLine().getOut();
    String algorithm;
    try (VectorStore store = ModelFiles.store(model)) {
      algorithm = store.metadata().getOrDefault(VectorStore.KEY_ALGORITHM, "?");
    }
    // Its own threads, ended with it: a library caller's JVM keeps none.
    try (ExecutorService threads = Executors.newCachedThreadPool();
        HttpClient http =
            HttpClient.newBuilder()
                .executor(threads)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
      publish(http, base, algorithm, out);
    }
    return 0;
  }

  private void publish(HttpClient http, URI base, String algorithm, PrintWriter out)
      throws IOException {
    Map<String, Object> current = preflight(http, base);
    try (TempDirectory temp = TempDirectory.create(null, "lexica-publish-", "the model archive")) {
      Path archive = temp.path().resolve("model.zip");
      long start = System.nanoTime();
      String sha256;
      try (OutputStream zip = Files.newOutputStream(archive)) {
        sha256 = ModelArchive.write(model, zip);
      }
      long size = Files.size(archive);
      int parts = (int) ((size + partSize - 1) / partSize);
      String upload = UUID.randomUUID().toString();
      long packed = System.nanoTime();
      try (InputStream in = Files.newInputStream(archive);
          Progress progress = Progress.start("publishing " + name, size, "bytes")) {
        for (int part = 0; part < parts; part++) {
          byte[] bytes = in.readNBytes((int) Math.min(partSize, size - (long) part * partSize));
          String body =
              json(
                  g -> {
                    g.writeStringField("upload", upload);
                    g.writeBinaryField("data", bytes);
                  });
          send(http, "PUT", base.resolve("_lexica/models/" + name + "/_parts/" + part), body);
          progress.add(bytes.length);
        }
      }
      long sent = System.nanoTime();
      String commit =
          json(
              g -> {
                g.writeStringField("upload", upload);
                g.writeNumberField("parts", parts);
                g.writeNumberField("size", size);
                g.writeStringField("sha256", sha256);
              });
      Object done = send(http, "PUT", base.resolve("_lexica/models/" + name), commit).get("model");
      long committed = System.nanoTime();
      out.printf(
          Locale.ROOT,
          "published %s (%s) to %s as [%s] version %s%s: %d bytes, sha256 %s"
              + " (packed in %.1f s, %d parts sent in %.1f s, checked and committed in %.1f s)%n",
          model,
          algorithm,
          base,
          name,
          done instanceof Map<?, ?> m ? m.get("version") : "?",
          current == null ? "" : " (was " + current.get("version") + ")",
          size,
          sha256,
          (packed - start) / 1e9,
          parts,
          (sent - packed) / 1e9,
          (committed - sent) / 1e9);
      out.flush();
    }
  }

  /** The cluster's address as a base for the plugin's paths. */
  private static URI baseUri(String url) {
    try {
      URI u = new URI(url.endsWith("/") ? url : url + "/");
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new URISyntaxException(url, "not an http:// or https:// address with a host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new LexicaException(
          "--url " + url + " is not a cluster's address: " + e.getReason(),
          "give the HTTP address of a node, e.g. --url http://localhost:9200");
    }
  }

  /**
   * Before any work: the cluster answers, has the plugin, and accepts the name. Answers the version
   * the cluster keeps now, or null.
   */
  private Map<String, Object> preflight(HttpClient http, URI base) {
    HttpResponse<String> r = exchange(http, "GET", base.resolve("_lexica/models/" + name), null);
    if (r.statusCode() == 200) {
      return parse(r);
    }
    if (r.statusCode() == 404 && r.body().contains("is not kept in the cluster")) {
      return null;
    }
    throw refused("GET", r);
  }

  private Map<String, Object> send(HttpClient http, String method, URI uri, String body) {
    HttpResponse<String> r = exchange(http, method, uri, body);
    if (r.statusCode() != 200) {
      throw refused(method, r);
    }
    return parse(r);
  }

  private HttpResponse<String> exchange(HttpClient http, String method, URI uri, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw new LexicaException(
          "cannot connect to " + url + " (" + describe(e) + ")",
          "start OpenSearch there, or give the HTTP address of a running node with --url"
              + " (e.g. http://localhost:9200)");
    } catch (HttpTimeoutException e) {
      throw new LexicaException(
          "the cluster at " + url + " did not answer " + method + " " + uri.getPath() + " in time",
          "check the cluster's health (GET /_cluster/health) and publish again");
    } catch (IOException e) {
      throw new LexicaException(
          method + " " + uri + " failed: " + describe(e),
          "check that --url is the HTTP (not transport) address of a node and publish again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LexicaException("interrupted", "publish again");
    }
  }

  /** What an answer other than 200 means, and what to do. */
  private LexicaException refused(String method, HttpResponse<String> r) {
    int status = r.statusCode();
    String reason = reason(r.body());
    String call = method + " " + r.uri().getPath();
    if (reason.contains("no handler found")) {
      return new LexicaException(
          "the cluster at " + url + " has no Lexica plugin (" + call + ": " + reason + ")",
          "install the plugin on every node (bin/opensearch-plugin install file:///path/to/"
              + "lexica-opensearch.zip) and restart them");
    }
    if (status == 401 || status == 403) {
      return new LexicaException(
          "the cluster at " + url + " refused " + call + " (HTTP " + status + "): " + reason,
          user == null
              ? "give a user with --user NAME (password in " + PASSWORD_VARIABLE + ")"
              : "check the password in "
                  + PASSWORD_VARIABLE
                  + ", or have an administrator allow "
                  + user
                  + " the cluster:admin/lexica/models/* and cluster:monitor/lexica/models/get"
                  + " actions");
    }
    if (status == 413) {
      return new LexicaException(
          "the cluster at " + url + " refused a part as too large (HTTP 413)",
          "give a smaller --part-size, or raise http.max_content_length on the nodes");
    }
    return new LexicaException(
        "the cluster at " + url + " refused " + call + " (HTTP " + status + "): " + reason,
        status < 500
            ? "correct what the reason names and publish again"
            : "see the node's log for the cause; the version before keeps serving");
  }

  /** The error's reason in OpenSearch's answer, else the body. */
  private static String reason(String body) {
    try {
      if (read(body).get("error") instanceof Map<?, ?> error) {
        if (error.get("root_cause") instanceof List<?> causes
            && !causes.isEmpty()
            && causes.get(0) instanceof Map<?, ?> first
            && first.get("reason") instanceof String reason) {
          return reason;
        }
        if (error.get("reason") instanceof String reason) {
          return reason;
        }
      } else if (read(body).get("error") instanceof String error) {
        return error;
      }
    } catch (IOException e) {
      // not JSON: the body as it is
    }
    return body.length() > 500 ? body.substring(0, 500) + "..." : body;
  }

  private Map<String, Object> parse(HttpResponse<String> r) {
    try {
      return read(r.body());
    } catch (IOException e) {
      throw new LexicaException(
          "the answer of " + r.uri() + " is not JSON: " + reason(r.body()),
          "check that --url is the address of an OpenSearch node");
    }
  }

  /** A JSON object as maps, lists, strings, numbers, booleans and nulls. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      return (Map<String, Object>) value(p);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, value(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  /** Fields written by {@code fields} as one JSON object. */
  private static String json(JsonFields fields) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    }
    return text.toString();
  }

  @FunctionalInterface
  private interface JsonFields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
