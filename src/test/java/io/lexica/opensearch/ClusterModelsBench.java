package io.lexica.opensearch;

import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import io.lexica.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.opensearch.client.RestClient;
import picocli.CommandLine;

/**
 * What keeping a model in the cluster costs: the wall time of {@code lexica publish} into a
 * two-node in-process cluster, then on each node the first request that uses the model (copying it
 * from the models index, checking its SHA-256, opening it, answering) against the median of warm
 * requests, and the heap a node holds for the opened model. Not part of the test suite (the name
 * does not end in Test); bench/opensearch-models.sh runs it with {@code -Dlexica.bench.model=<model
 * folder>}.
 */
@TimeoutSuite(millis = 3_600_000)
public class ClusterModelsBench extends TwoNodeBench {
  public void testUploadAndFirstUse() throws Exception {
    Path model = Path.of(System.getProperty("lexica.bench.model"));
    Path outFile = Path.of(System.getProperty("lexica.bench.out"));
    StringBuilder out = new StringBuilder();
    out.append(loadAverageAtStart())
        .append(
            String.format(
                Locale.ROOT, "; model %s, %.1f MB on disk%n", model, folderBytes(model) / 1e6));
    String[] nodes = internalCluster().getNodeNames();
    long start = System.nanoTime();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    StringWriter published = new StringWriter();
    cl.setOut(new PrintWriter(published));
    cl.setErr(new PrintWriter(err));
    int code =
        cl.execute(
            "publish", model.toString(), "--url", ClusterRest.url(nodes[0]), "--name", "bench");
    assertEquals(err.toString(), 0, code);
    double publishSeconds = (System.nanoTime() - start) / 1e9;
    out.append(
        String.format(
            Locale.ROOT,
            "lexica publish (pack, SHA-256, 8 MB parts, commit: read back, unpack, check, open): %.2f s%n%s",
            publishSeconds,
            published));
    out.append(
        "| node | first request (copy, check, open, answer) | warm request, median of 9 | heap held |\n");
    out.append("|---|---|---|---|\n");
    for (String node : nodes) {
      try (RestClient client = ClusterRest.clientOf(node)) {
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        neighbours(client);
        double first = (System.nanoTime() - t0) / 1e6;
        long heapAfter = usedHeap();
        double[] warm = new double[9];
        for (int i = 0; i < warm.length; i++) {
          long t = System.nanoTime();
          neighbours(client);
          warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %.0f ms | %.1f ms | %.1f MB |%n",
                node,
                first,
                warm[warm.length / 2],
                (heapAfter - heapBefore) / 1e6));
      }
    }
    Files.writeString(outFile, out);
  }

  private static void neighbours(RestClient client) throws IOException {
    ClusterRest.rest(client, "GET", "/_lexica/bench/neighbors?word=king&k=10", null);
  }

  /**
   * Heap in use after a full collection (both nodes share this JVM: the difference is the node's).
   */
  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long folderBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long sum = 0;
      for (Path f : files.toList()) {
        sum += Files.size(f);
      }
      return sum;
    }
  }
}
