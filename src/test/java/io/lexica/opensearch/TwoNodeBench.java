package io.lexica.opensearch;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.opensearch.plugins.Plugin;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * What the cluster benches of keeping and training models stand on ({@link ClusterModelsBench},
 * {@link ClusterTrainingBench}): an in-process cluster of two data nodes for the suite, running the
 * plugin, with Netty's HTTP transport instead of the test framework's mock one, since the benches
 * call the REST API as a user does ({@link ClusterRest}), and the load average the figures were
 * taken under. A bench adds its own timeout and node settings.
 */
@OpenSearchIntegTestCase.ClusterScope(
    scope = OpenSearchIntegTestCase.Scope.SUITE,
    numDataNodes = 2,
    numClientNodes = 0,
    supportsDedicatedMasters = false)
public abstract class TwoNodeBench extends OpenSearchIntegTestCase {
  @Override
  protected Collection<Class<? extends Plugin>> nodePlugins() {
    return List.of(LexicaPlugin.class, Netty4ModulePlugin.class);
  }

  @Override
  protected boolean addMockHttpTransport() {
    return false;
  }

  /** "load average at start: 1.25": the first words of a bench's report. */
  static String loadAverageAtStart() {
    return String.format(
        Locale.ROOT,
        "load average at start: %.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
