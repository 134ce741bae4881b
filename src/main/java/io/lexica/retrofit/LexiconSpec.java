package io.lexica.retrofit;

import io.lexica.LexicaException;
import io.lexica.analysis.Tokens;
import io.lexica.phrases.PhraseList;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;

/**
 * A lexicon to retrofit to: its format and where it is, written {@code [FORMAT:]PATH} on the
 * command line. Formats:
 *
 * <ul>
 *   <li>{@code solr}: a synonym file as search engines use it ({@code a, b, c} and {@code a => b}
 *       lines), read by Lucene's own {@link SolrSynonymParser}: each rule's words become close
 *       pairs;
 *   <li>{@code wordnet-prolog}: WordNet's Prolog release ({@code wn_s.pl}), read by Lucene's {@link
 *       WordnetSynonymParser}: the lemmas of a synset are close pairs;
 *   <li>{@code wordnet}: WordNet's database files ({@link WordNetDatabase}), with the chosen {@link
 *       WordNetRelation}s, antonyms included. {@code wordnet} alone means Debian's {@value
 *       WordNetDatabase#DEBIAN_PATH}.
 * </ul>
 *
 * Without a format, a folder holding {@code data.noun} is WordNet's database, a {@code .pl} file
 * the Prolog release, anything else a Solr synonym file. Every entry is analysed with the model's
 * analyzer, so "TV" meets the model's "tv" (and a stemmed model's stems); an entry of several
 * tokens becomes one token joined by {@value PhraseList#SEPARATOR}, as a phrase model spells it.
 *
 * @param format how the lexicon is written
 * @param path the file (or WordNet's database folder)
 * @param relations the WordNet relations to read (ignored by the other formats)
 * @param senses WordNet: keep a word in a synset only when that is one of its {@code senses} most
 *     frequent senses; 0 keeps all (ignored by the other formats)
 * @param properNouns WordNet: keep the lemmas it writes with a capital letter (place and person
 *     names, abbreviations); see {@link WordNetDatabase#read} (ignored by the other formats)
 */
public record LexiconSpec(
    Format format, Path path, Set<WordNetRelation> relations, int senses, boolean properNouns) {
  /** The formats a lexicon can have. */
  public enum Format {
    /** Lucene's Solr synonym syntax. */
    SOLR,
    /** WordNet's Prolog release, {@code wn_s.pl}. */
    WORDNET_PROLOG,
    /** WordNet's database folder ({@code data.noun} and the other part-of-speech files). */
    WORDNET;

    /**
     * The name written on the command line and in metadata.
     *
     * @return the lower-case name, {@code _} as {@code -} ({@code wordnet-prolog})
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Copies the relations and checks the WordNet options.
   *
   * @throws io.lexica.LexicaException when the format is WordNet and no relation is chosen, or
   *     {@code senses} is negative
   */
  public LexiconSpec {
    relations = Set.copyOf(relations);
    if (format == Format.WORDNET && relations.isEmpty()) {
      throw new LexicaException(
          "no WordNet relation chosen", "choose synonyms, hypernyms, hyponyms and/or antonyms");
    }
    if (senses < 0) {
      throw new LexicaException(
          "the number of WordNet senses must be 0 (all) or more, not " + senses, "pass e.g. 1");
    }
  }

  /**
   * Parses {@code [FORMAT:]PATH}; {@code wordnet} alone is Debian's WordNet database.
   *
   * @param spec {@code [FORMAT:]PATH}, or {@code wordnet}
   * @param relations the WordNet relations to read
   * @param senses WordNet's most frequent senses kept per word, 0 for all
   * @param properNouns whether WordNet's capitalised lemmas are kept
   * @return the spec; the format is guessed from the path when not given, and the file is not read
   *     yet
   */
  public static LexiconSpec parse(
      String spec, Set<WordNetRelation> relations, int senses, boolean properNouns) {
    if (spec.equalsIgnoreCase(Format.WORDNET.id())) {
      return new LexiconSpec(
          Format.WORDNET, Path.of(WordNetDatabase.DEBIAN_PATH), relations, senses, properNouns);
    }
    int colon = spec.indexOf(':');
    if (colon > 0) {
      String prefix = spec.substring(0, colon);
      for (Format f : Format.values()) {
        if (f.id().equalsIgnoreCase(prefix)) {
          return new LexiconSpec(
              f, Path.of(spec.substring(colon + 1)), relations, senses, properNouns);
        }
      }
    }
    Path path = Path.of(spec);
    Format f =
        WordNetDatabase.isDatabase(path)
            ? Format.WORDNET
            : path.getFileName() != null && path.getFileName().toString().endsWith(".pl")
                ? Format.WORDNET_PROLOG
                : Format.SOLR;
    return new LexiconSpec(f, path, relations, senses, properNouns);
  }

  /** What the metadata records: {@code format:absolute path}. */
  @Override
  public String toString() {
    return format.id() + ":" + path.toAbsolutePath();
  }

  /**
   * Reads the lexicon, mapping its entries to tokens with {@code analyzer} (the model's).
   *
   * @param analyzer the model's analyzer; not closed
   * @return the lexicon, its words as model tokens
   * @throws LexicaException when the file is missing or an entry cannot be read (naming the line)
   */
  public Lexicon read(Analyzer analyzer) {
    if (format == Format.WORDNET) {
      return WordNetDatabase.read(
          path, relations, senses, properNouns, lemma -> token(analyzer, lemma));
    }
    if (!Files.isRegularFile(path)) {
      throw new LexicaException(
          "no " + format.id() + " lexicon at " + path,
          "give a synonym file (solr:FILE, wordnet-prolog:wn_s.pl) or a WordNet database folder");
    }
    Lexicon.Builder b = Lexicon.builder(toString());
    SynonymMap.Parser parser =
        format == Format.SOLR
            ? new SolrSynonymParser(true, true, analyzer) {
              @Override
              public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                b.synonyms(joined(input), joined(output));
              }
            }
            : new WordnetSynonymParser(true, true, analyzer) {
              @Override
              public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                b.synonyms(joined(input), joined(output));
              }
            };
    // The parsers report each pair through add(), which is all a lexicon needs: the synonym map
    // they would build (an FST for rewriting token streams) is never built.
    try (Reader r =
        new java.io.InputStreamReader(
            Files.newInputStream(path),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      parser.parse(r);
    } catch (ParseException e) {
      String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
      throw new LexicaException(
          path + ": " + e.getMessage() + cause,
          "fix or remove that entry; every word of an entry must keep at least one token through"
              + " the model's analyzer (--analyzer to choose another)");
    } catch (NoSuchFileException e) {
      throw new LexicaException("no lexicon at " + path, "check the path");
    } catch (CharacterCodingException e) {
      throw new LexicaException(path + " is not UTF-8 text", "convert it to UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return b.build();
  }

  /** A parsed entry (words separated by the synonym map's separator) as one model token. */
  private static String joined(CharsRef entry) {
    return entry.toString().replace(SynonymMap.WORD_SEPARATOR, PhraseList.SEPARATOR.charAt(0));
  }

  /** A WordNet lemma as one model token, or null when the analyzer leaves nothing of it. */
  private static String token(Analyzer analyzer, String lemma) {
    List<String> tokens = Tokens.of(analyzer, "lexicon", lemma.replace('_', ' '));
    return tokens.isEmpty() ? null : String.join(PhraseList.SEPARATOR, tokens);
  }
}
