package io.lexica.eval.retrieval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lexica.LexicaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval test collection in the folder layout of {@code shared/data/ir}: {@code docs.jsonl}
 * (one {@code {"id","title","text"}} object a line), {@code queries.tsv} ({@code qid<TAB>text}) and
 * {@code qrels.txt} (TREC qrels). Immutable.
 *
 * @param name the folder's name
 * @param docs the documents in file order
 * @param queries query id to text, in file order
 * @param qrels the relevance judgments
 */
public record TestCollection(
    String name, List<Doc> docs, Map<String, String> queries, Qrels qrels) {
  /**
   * One document.
   *
   * @param id the document's id, as the qrels name it
   * @param title the title, possibly empty
   * @param text the body text
   */
  public record Doc(String id, String title, String text) {}

  /** Copies the documents and the queries, so a collection is immutable. */
  public TestCollection {
    docs = List.copyOf(docs);
    queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
  }

  /**
   * Reads a collection folder; a missing or malformed file is a {@link LexicaException}.
   *
   * @param dir a folder holding {@code docs.jsonl}, {@code queries.tsv} and {@code qrels.txt}
   * @return the collection, named by the folder
   */
  public static TestCollection load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LexicaException(
          "no collection folder at " + dir,
          "pass a folder holding docs.jsonl, queries.tsv and qrels.txt");
    }
    Path docsFile = required(dir, "docs.jsonl");
    Path queriesFile = required(dir, "queries.tsv");
    Path qrelsFile = required(dir, "qrels.txt");
    return new TestCollection(
        nameOf(dir), readDocs(docsFile), readQueries(queriesFile), Qrels.read(qrelsFile));
  }

  /**
   * The name of the collection in {@code dir}: the folder's name.
   *
   * @param dir the collection's folder
   * @return the folder's name
   */
  public static String nameOf(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? dir.toString() : name.toString();
  }

  private static Path required(Path dir, String file) {
    Path p = dir.resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new LexicaException(
          "the collection folder " + dir + " has no " + file,
          "a collection folder holds docs.jsonl, queries.tsv and qrels.txt");
    }
    return p;
  }

  static List<Doc> readDocs(Path file) {
    List<Doc> docs = new ArrayList<>();
    JsonFactory json = new JsonFactory();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        docs.add(parseDoc(json, line, file, lineNo));
      }
    } catch (IOException e) {
      throw new LexicaException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
    }
    return docs;
  }

  private static Doc parseDoc(JsonFactory json, String line, Path file, int lineNo)
      throws IOException {
    String id = null;
    String title = "";
    String text = "";
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw badLine(file, lineNo, "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value.isStructStart()) {
          p.skipChildren();
          continue;
        }
        String s = value == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
        switch (field) {
          case "id" -> id = s;
          case "title" -> title = s;
          case "text" -> text = s;
          default -> {}
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw badLine(file, lineNo, e.getOriginalMessage());
    }
    if (id == null || id.isEmpty()) {
      throw badLine(file, lineNo, "no \"id\"");
    }
    return new Doc(id, title, text);
  }

  private static LexicaException badLine(Path file, int lineNo, String why) {
    return new LexicaException(
        file + " line " + lineNo + ": " + why,
        "each line of docs.jsonl must be a JSON object {\"id\",\"title\",\"text\"}");
  }

  static Map<String, String> readQueries(Path file) {
    Map<String, String> queries = new LinkedHashMap<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        throw new LexicaException(
            file + " line " + lineNo + ": no tab after the query id",
            "each line of queries.tsv is qid<TAB>text");
      }
      queries.put(line.substring(0, tab).trim(), line.substring(tab + 1).trim());
    }
    return queries;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LexicaException("cannot read " + file + ": " + e.getMessage(), "check the file", e);
    }
  }
}
