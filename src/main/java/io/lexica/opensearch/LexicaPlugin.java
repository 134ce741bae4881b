package io.lexica.opensearch;

import io.lexica.vectors.store.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opensearch.action.ActionRequest;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.index.IndexModule;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.mapper.Mapper;
import org.opensearch.indices.SystemIndexDescriptor;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.ingest.Processor;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.IngestPlugin;
import org.opensearch.plugins.MapperPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;
import org.opensearch.plugins.SystemIndexPlugin;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;
import org.opensearch.script.ScriptService;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;

/**
 * Lexica inside OpenSearch: the {@value LexicaSynonymsTokenFilterFactory#TYPE} token filter, the
 * {@value LexicaExpandQueryBuilder#NAME} query and {@code GET /_lexica/{model}/neighbors}; document
 * vectors: the {@value LexicaEmbedProcessor#TYPE} ingest processor, the {@value
 * LexicaVectorFieldMapper#CONTENT_TYPE} field, the {@value LexicaKnnQueryBuilder#NAME} and {@value
 * LexicaHybridQueryBuilder#NAME} queries and {@code GET /_lexica/stats}. All read models from
 * {@code <config>/lexica/<model>/} and from the cluster's models index (uploaded with {@code PUT
 * /_lexica/models/<name>}, listed by {@code GET /_lexica/models}, see {@link RestModelsAction})
 * through one {@link ModelRegistry} per node. {@code POST /_lexica/models/<name>/_train} trains a
 * model on an index of the cluster, reading each shard where it is ({@link TrainModelAction}).
 *
 * <p>OpenSearch creates one instance per node (with the node's settings and config directory) and
 * calls it from many threads; its state is the thread-safe registry.
 */
public class LexicaPlugin extends Plugin
    implements AnalysisPlugin,
        SearchPlugin,
        ActionPlugin,
        IngestPlugin,
        MapperPlugin,
        SystemIndexPlugin {
  /**
   * How often a model's folder is checked for a new version (node setting {@code
   * lexica.model_check_interval}, default 10s); see {@link ModelRegistry}.
   */
  public static final Setting<TimeValue> MODEL_CHECK_INTERVAL =
      Setting.positiveTimeSetting(
          "lexica.model_check_interval",
          TimeValue.timeValueMillis(ModelRegistry.DEFAULT_CHECK_INTERVAL.toMillis()),
          Setting.Property.NodeScope);

  private final ModelRegistry.ModelLoader loader;
  private final ModelRegistry models;
  private final DocumentEmbedders embedders;
  private final EmbedStats embedStats = new EmbedStats();
  private ShardReadings shardReadings; // made with the node's components

  /**
   * The constructor OpenSearch calls; models are Lucene vector stores opened by the library's
   * {@link ModelFiles#open} (so subword models also give vectors for words outside their
   * vocabulary).
   *
   * @param settings the node's settings
   * @param configPath the node's config directory; models live in its {@code lexica} folder
   */
  public LexicaPlugin(Settings settings, Path configPath) {
    this.loader = ModelFiles::open;
    this.models =
        new ModelRegistry(
            configPath, loader, Duration.ofMillis(MODEL_CHECK_INTERVAL.get(settings).millis()));
    this.embedders = new DocumentEmbedders(models);
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
            LexicaExpandQueryBuilder::fromXContent),
        new QuerySpec<>(
            LexicaKnnQueryBuilder.NAME,
            LexicaKnnQueryBuilder::new,
            LexicaKnnQueryBuilder::fromXContent),
        new QuerySpec<>(
            LexicaHybridQueryBuilder.NAME,
            LexicaHybridQueryBuilder::new,
            LexicaHybridQueryBuilder::fromXContent));
  }

  @Override
  public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
    return List.of(NodeModels.entry(models, embedders), TrainTask.Status.entry());
  }

  @Override
  public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
    return Map.of(
        LexicaEmbedProcessor.TYPE,
        new LexicaEmbedProcessor.Factory(
            embedders, parameters.ingestService.getClusterService()::state, embedStats));
  }

  @Override
  public Map<String, Mapper.TypeParser> getMappers() {
    return Map.of(LexicaVectorFieldMapper.CONTENT_TYPE, LexicaVectorFieldMapper.PARSER);
  }

  @Override
  public Collection<Object> createComponents(
      Client client,
      ClusterService clusterService,
      ThreadPool threadPool,
      ResourceWatcherService resourceWatcherService,
      ScriptService scriptService,
      NamedXContentRegistry xContentRegistry,
      Environment environment,
      NodeEnvironment nodeEnvironment,
      NamedWriteableRegistry namedWriteableRegistry,
      IndexNameExpressionResolver indexNameExpressionResolver,
      Supplier<RepositoriesService> repositoriesServiceSupplier) {
    ModelIndex modelIndex = new ModelIndex(client);
    ClusterModels clusterModels =
        new ClusterModels(
            modelIndex,
            nodeEnvironment.nodeDataPaths()[0].resolve(ClusterModels.CACHE_DIR),
            loader,
            threadPool);
    try {
      clusterModels.start(MODEL_CHECK_INTERVAL.get(environment.settings()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the lexica model cache", e);
    }
    clusterService.addListener(clusterModels);
    models.serveFrom(clusterModels);
    shardReadings = new ShardReadings(threadPool, clusterService.getNodeName());
    shardReadings.start();
    // for the transport actions
    return List.of(embedStats, models, modelIndex, clusterModels, shardReadings);
  }

  /**
   * Lets the node's reads for trainings in the cluster end when their shard closes (it moved or
   * failed), so that such a training fails instead of reading a shard the node no longer holds.
   */
  @Override
  public void onIndexModule(IndexModule indexModule) {
    indexModule.addIndexEventListener(shardReadings);
  }

  @Override
  public Collection<SystemIndexDescriptor> getSystemIndexDescriptors(Settings settings) {
    return List.of(ModelIndex.descriptor());
  }

  @Override
  public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
    return List.of(
        new ActionHandler<>(EmbedStatsAction.INSTANCE, EmbedStatsAction.Transport.class),
        new ActionHandler<>(NeighborsAction.INSTANCE, NeighborsAction.Transport.class),
        new ActionHandler<>(GetModelsAction.INSTANCE, GetModelsAction.Transport.class),
        new ActionHandler<>(PutModelPartAction.INSTANCE, PutModelPartAction.Transport.class),
        new ActionHandler<>(PutModelAction.INSTANCE, PutModelAction.Transport.class),
        new ActionHandler<>(DeleteModelAction.INSTANCE, DeleteModelAction.Transport.class),
        new ActionHandler<>(ModelChangedAction.INSTANCE, ModelChangedAction.Transport.class),
        new ActionHandler<>(TrainModelAction.INSTANCE, TrainModelAction.Transport.class),
        new ActionHandler<>(ShardVocabularyAction.INSTANCE, ShardVocabularyAction.Transport.class),
        new ActionHandler<>(ShardSequencesAction.INSTANCE, ShardSequencesAction.Transport.class));
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
    return List.of(new RestNeighborsAction(), new RestModelsAction(), new EmbedStatsAction.Rest());
  }

  @Override
  public void close() throws IOException {
    models.close();
  }
}
