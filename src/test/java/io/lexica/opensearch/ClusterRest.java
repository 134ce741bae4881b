package io.lexica.opensearch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.HttpHost;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.test.OpenSearchIntegTestCase;

/** REST calls of the plugin's cluster tests, as users make them. */
final class ClusterRest {
  private ClusterRest() {}

  /** The {@code http://host:port} of a test cluster node's HTTP layer (real HTTP only). */
  static String url(String node) {
    InetSocketAddress a = address(node);
    return "http://" + a.getHostString() + ":" + a.getPort();
  }

  /** A REST client that talks to {@code node} only, so that node's own plugin answers. */
  static RestClient clientOf(String node) {
    InetSocketAddress a = address(node);
    return RestClient.builder(new HttpHost("http", a.getHostString(), a.getPort())).build();
  }

  private static InetSocketAddress address(String node) {
    return OpenSearchIntegTestCase.internalCluster()
        .getInstance(HttpServerTransport.class, node)
        .boundAddress()
        .publishAddress()
        .address();
  }

  /** The JSON answer of a call that must succeed. */
  static Map<String, Object> rest(RestClient client, String method, String path, String body)
      throws IOException {
    return XContentHelper.convertToMap(
        JsonXContent.jsonXContent, restRaw(client, method, path, body), false);
  }

  /** The raw answer of a call that must succeed. */
  static String restRaw(RestClient client, String method, String path, String body)
      throws IOException {
    Request request = new Request(method, path);
    if (body != null) {
      request.setJsonEntity(body);
    }
    Response response = client.performRequest(request);
    try (InputStream in = response.getEntity().getContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Fails unless the call answers 400 with {@code reason} in its body. */
  static void assertBadRequest(
      RestClient client, String method, String path, String body, String reason)
      throws IOException {
    assertStatus(client, 400, method, path, body, reason);
  }

  /** Fails unless the call answers {@code status} with {@code reason} in its body. */
  static void assertStatus(
      RestClient client, int status, String method, String path, String body, String reason)
      throws IOException {
    Request request = new Request(method, path);
    if (body != null) {
      request.setJsonEntity(body);
    }
    ResponseException e =
        LuceneTestCase.expectThrows(ResponseException.class, () -> client.performRequest(request));
    String answer = new String(e.getResponse().getEntity().getContent().readAllBytes());
    assertEquals(answer, status, e.getResponse().getStatusLine().getStatusCode());
    assertTrue("expected [" + reason + "] in " + answer, answer.contains(reason));
  }

  /** The hits of a search answer, which must have no failed shard. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> hits(Map<String, Object> searchResponse) {
    assertEquals(0, ((Map<String, Object>) searchResponse.get("_shards")).get("failed"));
    return (List<Map<String, Object>>)
        ((Map<String, Object>) searchResponse.get("hits")).get("hits");
  }

  /** The ids of a search answer's hits. */
  static Set<String> ids(Map<String, Object> searchResponse) {
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> hit : hits(searchResponse)) {
      ids.add((String) hit.get("_id"));
    }
    return ids;
  }
}
