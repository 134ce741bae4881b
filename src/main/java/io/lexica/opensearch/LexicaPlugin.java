package io.lexica.opensearch;

import io.lexica.expand.StoreLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;

/**
 * Lexica inside OpenSearch: the {@value LexicaSynonymsTokenFilterFactory#TYPE} token filter, the
 * {@value LexicaExpandQueryBuilder#NAME} query and {@code GET /_lexica/{model}/neighbors}, all
 * reading models from {@code <config>/lexica/<model>/} through one {@link ModelRegistry} per node.
 *
 * <p>OpenSearch creates one instance per node (with the node's settings and config directory) and
 * calls it from many threads; its state is the thread-safe registry.
 */
public class LexicaPlugin extends Plugin implements AnalysisPlugin, SearchPlugin, ActionPlugin {
  /**
   * How often a model's folder is checked for a new version (node setting {@code
   * lexica.model_check_interval}, default 10s); see {@link ModelRegistry}.
   */
  public static final Setting<TimeValue> MODEL_CHECK_INTERVAL =
      Setting.positiveTimeSetting(
          "lexica.model_check_interval",
          TimeValue.timeValueMillis(ModelRegistry.DEFAULT_CHECK_INTERVAL.toMillis()),
          Setting.Property.NodeScope);

  private final ModelRegistry models;

  /**
   * The constructor OpenSearch calls; models are Lucene vector stores opened by the library's
   * {@link StoreLoader} (so subword models also give vectors for words outside their vocabulary).
   */
  public LexicaPlugin(Settings settings, Path configPath) {
    this.models =
        new ModelRegistry(
            configPath,
            new StoreLoader()::open,
            Duration.ofMillis(MODEL_CHECK_INTERVAL.get(settings).millis()));
  }

  @Override
  public List<Setting<?>> getSettings() {
    return List.of(MODEL_CHECK_INTERVAL);
  }

  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    // requiresAnalysisSettings: the filter exists only when configured (it needs a model), so
    // OpenSearch does not build an unconfigured "lexica_synonyms" for every index.
    return Map.of(
        LexicaSynonymsTokenFilterFactory.TYPE,
        AnalysisPlugin.requiresAnalysisSettings(
            (indexSettings, environment, name, settings) ->
                new LexicaSynonymsTokenFilterFactory(indexSettings, name, settings, models)));
  }

  @Override
  public List<QuerySpec<?>> getQueries() {
    return List.of(
        new QuerySpec<>(
            LexicaExpandQueryBuilder.NAME,
            LexicaExpandQueryBuilder::new,
            LexicaExpandQueryBuilder::fromXContent));
  }

  @Override
  public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
    return List.of(NodeModels.entry(models));
  }

  @Override
  public List<RestHandler> getRestHandlers(
      Settings settings,
      RestController restController,
      ClusterSettings clusterSettings,
      IndexScopedSettings indexScopedSettings,
      SettingsFilter settingsFilter,
      IndexNameExpressionResolver indexNameExpressionResolver,
      Supplier<DiscoveryNodes> nodesInCluster) {
    return List.of(new RestNeighborsAction(models));
  }

  @Override
  public void close() throws IOException {
    models.close();
  }
}
