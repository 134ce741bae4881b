package io.lexica.opensearch;

import io.lexica.LexicaException;
import io.lexica.expand.ExpansionSettings;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * The nearest words of a word in a model of the node that runs the action ({@code GET
 * /_lexica/<model>/neighbors}, see {@link RestNeighborsAction}), on the search thread pool.
 */
public final class NeighborsAction extends ActionType<NeighborsAction.Response> {
  static final NeighborsAction INSTANCE = new NeighborsAction();
  static final String NAME = "cluster:monitor/lexica/neighbors";

  static final int DEFAULT_K = 10;
  static final int MAX_K = 1000;

  private NeighborsAction() {
    super(NAME, Response::new);
  }

  /** A word's k nearest words at or above a cosine. */
  static final class Request extends ActionRequest {
    final String model;
    final String word;
    final int k;
    final float minSimilarity;

    Request(String model, String word, int k, float minSimilarity) {
      this.model = model;
      this.word = word;
      this.k = k;
      this.minSimilarity = minSimilarity;
    }

    Request(StreamInput in) throws IOException {
      super(in);
      model = in.readString();
      word = in.readString();
      k = in.readVInt();
      minSimilarity = in.readFloat();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      super.writeTo(out);
      out.writeString(model);
      out.writeString(word);
      out.writeVInt(k);
      out.writeFloat(minSimilarity);
    }

    @Override
    public ActionRequestValidationException validate() {
      return BlockingTransportAction.validation(this::check);
    }

    /** The request's rules, as IllegalArgumentExceptions (the REST layer's 400). */
    void check() {
      ModelRegistry.checkName(model);
      if (word == null || word.isEmpty()) {
        throw new IllegalArgumentException(
            "[word] is required: /_lexica/" + model + "/neighbors?word=...");
      }
      // k and the lowest cosine follow the library's one rule for them (ExpansionSettings, as
      // lexica_synonyms and lexica_expand do); the endpoint only caps k, to bound one answer
      if (k > MAX_K) {
        throw new IllegalArgumentException("[k] must be between 1 and " + MAX_K + ", got " + k);
      }
      checked("k", b -> b.k(k));
      checked("min_similarity", b -> b.minSimilarity(minSimilarity));
    }
  }

  /** Checks one setting by {@link ExpansionSettings}; its error names the request parameter. */
  private static void checked(String param, UnaryOperator<ExpansionSettings.Builder> change) {
    try {
      change.apply(ExpansionSettings.DEFAULTS.toBuilder()).build();
    } catch (LexicaException e) {
      throw new IllegalArgumentException(
          "[" + param + "] " + e.getMessage() + "; " + e.remedy(), e);
    }
  }

  /**
   * {@code {"model": "wiki", "word": "car", "in_vocabulary": true, "neighbors": [{"word":
   * "automobile", "similarity": 0.83}, ...]}}
   */
  static final class Response extends ActionResponse implements ToXContentObject {
    final String model;
    final String word;
    final boolean inVocabulary;
    final List<Neighbor> neighbors;

    Response(String model, String word, boolean inVocabulary, List<Neighbor> neighbors) {
      this.model = model;
      this.word = word;
      this.inVocabulary = inVocabulary;
      this.neighbors = List.copyOf(neighbors);
    }

    Response(StreamInput in) throws IOException {
      super(in);
      model = in.readString();
      word = in.readString();
      inVocabulary = in.readBoolean();
      neighbors = in.readList(i -> new Neighbor(i.readString(), i.readFloat()));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
      out.writeString(model);
      out.writeString(word);
      out.writeBoolean(inVocabulary);
      out.writeCollection(
          neighbors,
          (o, n) -> {
            o.writeString(n.word());
            o.writeFloat(n.similarity());
          });
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder out, Params params) throws IOException {
      out.startObject();
      out.field("model", model);
      out.field("word", word);
      out.field("in_vocabulary", inVocabulary);
      out.startArray("neighbors");
      for (Neighbor n : neighbors) {
        out.startObject().field("word", n.word()).field("similarity", n.similarity()).endObject();
      }
      out.endArray();
      out.endObject();
      return out;
    }
  }

  /** Looks the word up in this node's model. */
  public static final class Transport extends BlockingTransportAction<Request, Response> {
    private final ModelRegistry models;

    /**
     * The transport action, made by OpenSearch's injector.
     *
     * @param transportService the node's transport service
     * @param actionFilters the node's action filters
     * @param threadPool the node's thread pool
     * @param models the node's model registry
     */
    @Inject
    public Transport(
        TransportService transportService,
        ActionFilters actionFilters,
        ThreadPool threadPool,
        ModelRegistry models) {
      super(
          NAME,
          transportService,
          actionFilters,
          Request::new,
          threadPool,
          ThreadPool.Names.SEARCH,
          false);
      this.models = models;
    }

    @Override
    Response run(Task task, Request r) {
      Embeddings model = models.get(r.model);
      List<Neighbor> neighbors = model.nearest(r.word, r.k, r.minSimilarity);
      return new Response(r.model, r.word, model.contains(r.word), neighbors);
    }
  }
}
