package io.lexica.cli;

import io.lexica.analysis.AnalyzerSpec;
import io.lexica.docs.DocumentEmbedder;
import io.lexica.docs.DocumentEmbeddingSpec;
import io.lexica.docs.EmbeddingMethod;
import io.lexica.docs.TermWeights;
import io.lexica.expand.Models;
import io.lexica.index.Indexer;
import io.lexica.index.InputFormat;
import io.lexica.index.SourceDocument;
import io.lexica.phrases.PhraseList;
import io.lexica.util.OutputPolicy;
import io.lexica.vectors.Embeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.document.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lexica index}: builds a Lucene index from text, TSV or JSONL files. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index text (one document a line), TSV (title<TAB>text) or JSONL ({\"id\",\"title\",\"text\"})"
          + " files into a Lucene index with fields id, title and body (positions indexed, values"
          + " stored). Gzip input is read transparently. The analyzer is recorded in the index.",
    })
final class IndexCommand implements Callable<Integer> {
  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "Input files (.txt, .tsv, .jsonl; optionally .gz).")
  List<Path> inputs;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index to create.")
  Path index;

  @Option(
      names = "--analyzer",
      defaultValue = "standard",
      paramLabel = "SPEC",
      description =
          "standard, english, cjk, smartcn, whitespace, simple, or a chain such as"
              + " 'tokenizer=standard;filter=lowercase;filter=stop(ignoreCase=true)'.")
  String analyzer;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, tsv or jsonl (default: from each file name).")
  InputFormat format;

  @Option(
      names = "--term-vectors",
      description = "Also store body term vectors with positions (faster read-back, larger index).")
  boolean termVectors;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Indexing threads (default: cores, at most 4).")
  Integer threads;

  @Option(names = "--force-merge", description = "Merge the index into one segment at the end.")
  boolean forceMerge;

  @Mixin OutputOptions output;

  @Option(
      names = "--embed",
      paramLabel = "MODEL",
      description =
          "Also give each document a vector (field 'vector': mean of its words' unit vectors in"
              + " MODEL) for kNN and hybrid search ('lexica search --vectors' on this index). For"
              + " idf or SIF vectors, which need the finished index's statistics, run 'lexica"
              + " embed-docs' afterwards instead. Default: none.")
  String embed;

  @Override
  public Integer call() {
    OutputPolicy policy = output.policy(embed == null ? null : Path.of(embed));
    output.check(Indexer.KIND, index, policy.reading(inputs));
    Indexer indexer =
        new Indexer(AnalyzerSpec.parse(analyzer))
            .termVectors(termVectors)
            .format(format)
            .forceMerge(forceMerge)
            .output(policy);
    if (threads != null) {
      indexer.threads(threads);
    }
    if (embed != null) {
      indexer.enricher(vectorEnricher(embed, AnalyzerSpec.parse(analyzer)));
    }
    Indexer.Result r = indexer.index(inputs, index);
    System.out.printf(
        Locale.ROOT,
        "indexed %d documents into %s in %.1f s (%.0f docs/s, %d segments, analyzer %s)%n",
        r.documents(),
        index,
        r.seconds(),
        r.docsPerSecond(),
        r.segments(),
        AnalyzerSpec.parse(analyzer));
    return 0;
  }

  /** Adds a mean-of-word-vectors document vector, recording how it was made in the commit data. */
  static Indexer.Enricher vectorEnricher(String model, AnalyzerSpec analyzer) {
    Embeddings embeddings = Models.open(model);
    DocumentEmbedder.checkFieldDimension(embeddings);
    DocumentEmbedder embedder =
        new DocumentEmbedder(
            embeddings,
            PhraseList.ofModel(Path.of(model)).wrap(analyzer.create()),
            TermWeights.uniform(),
            null);
    DocumentEmbeddingSpec spec =
        new DocumentEmbeddingSpec(
            model,
            EmbeddingMethod.MEAN,
            TermWeights.DEFAULT_SIF_A,
            Indexer.BODY,
            List.of(Indexer.TITLE, Indexer.BODY),
            Indexer.ID,
            "vector",
            null);
    return new Indexer.Enricher() {
      @Override
      public void enrich(SourceDocument source, Document doc) {
        embedder.addVectorField(doc, spec.vectorField(), source.title() + "\n" + source.text());
      }

      @Override
      public Map<String, String> commitData() {
        return spec.toUserData();
      }
    };
  }
}
