package io.lexica.opensearch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.docs.EmbeddingMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opensearch.Version;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.settings.Settings;

/**
 * The processor's check of its target's mapping, on mappings the test cluster cannot make: the k-NN
 * plugin's {@code knn_vector} (that plugin is not installed in the tests) gets the message naming
 * it and the mapping to use, and a mapping changed to a right one is accepted (the verdict follows
 * the mapping version).
 */
class VectorFieldCheckTest {
  private static final String LEXICA =
      "{\"properties\": {\"vec\": {\"type\": \"lexica_vector\", \"dims\": 8, \"model\": \"m\","
          + " \"method\": \"sif\"}}}";
  private static final String KNN =
      "{\"properties\": {\"vec\": {\"type\": \"knn_vector\", \"dimension\": 8}}}";

  private static ClusterState state(String mapping, long mappingVersion) {
    IndexMetadata index;
    try {
      index =
          IndexMetadata.builder("articles")
              .settings(
                  Settings.builder()
                      .put(IndexMetadata.SETTING_VERSION_CREATED, Version.CURRENT)
                      .put(IndexMetadata.SETTING_INDEX_UUID, "uuid-1")
                      .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, 1)
                      .put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0))
              .putMapping(mapping)
              .mappingVersion(mappingVersion)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ClusterState.builder(ClusterName.DEFAULT)
        .metadata(Metadata.builder().put(index, false))
        .build();
  }

  @Test
  void knnVectorTargetFailsWithTheMappingToUseAndAFixedMappingIsAccepted() {
    AtomicReference<ClusterState> state = new AtomicReference<>(state(KNN, 1));
    VectorFieldCheck check =
        new VectorFieldCheck("vec", "m", EmbeddingMethod.SIF, () -> 8, state::get);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check.check("articles"));
    String message = e.getMessage();
    assertTrue(
        message.contains("index [articles] maps [vec] as [knn_vector] (the k-NN plugin's field)"),
        message);
    assertTrue(
        message.contains(
            "map it as {\"type\": \"lexica_vector\", \"dims\": 8, \"model\": \"m\","
                + " \"method\": \"sif\"}"),
        message);
    assertThrows(IllegalArgumentException.class, () -> check.check("articles")); // remembered
    state.set(state(LEXICA, 2)); // the same index, its mapping changed
    assertDoesNotThrow(() -> check.check("articles"));
    assertDoesNotThrow(() -> check.check("not-created-yet")); // its template's mapping decides
  }

  @Test
  void anotherMethodThanTheMappingsFails() {
    VectorFieldCheck check =
        new VectorFieldCheck("vec", "m", EmbeddingMethod.MEAN, () -> 8, () -> state(LEXICA, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> check.check("articles"));
    assertTrue(
        e.getMessage().contains("queries would be embedded unlike the documents"), e.getMessage());
  }
}
