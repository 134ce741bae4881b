package io.lexica.retrofit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconSpecTest {
  @TempDir Path dir;

  private static final Set<WordNetRelation> DEFAULT = WordNetRelation.DEFAULT;

  @Test
  void readsASolrSynonymFileWithLucenesParserThroughTheModelsAnalyzer() throws Exception {
    Path file = dir.resolve("synonyms.txt");
    Files.writeString(file, "# products\nTV, Television, telly\nNew York => NYC\nsofa,couch\n");
    LexiconSpec spec = LexiconSpec.parse(file.toString(), DEFAULT, 0, true);
    assertEquals(LexiconSpec.Format.SOLR, spec.format());
    Lexicon l = spec.read(new StandardAnalyzer());
    assertEquals(Set.of("television", "telly"), l.synonyms("tv"));
    assertEquals(Set.of("nyc"), l.synonyms("new_york"), "several tokens become one, joined");
    assertEquals(Set.of("couch"), l.synonyms("sofa"));
    assertEquals(5, l.synonymPairs());
    assertTrue(!l.hasAntonyms());
    // A stemming analyzer gives the stems a stemmed model has.
    Lexicon stemmed = spec.read(new EnglishAnalyzer());
    assertTrue(stemmed.synonyms("televis").contains("tv"), stemmed.synonyms("televis").toString());
  }

  @Test
  void readsWordNetsPrologReleaseWithLucenesParser() throws Exception {
    Path file = dir.resolve("wn_s.pl");
    Files.writeString(
        file,
        "s(102958343,1,'car',n,1,0).\ns(102958343,2,'automobile',n,1,0).\n"
            + "s(102958343,3,'motor car',n,1,0).\ns(100001740,1,'entity',n,1,11).\n");
    LexiconSpec spec = LexiconSpec.parse(file.toString(), DEFAULT, 0, true);
    assertEquals(LexiconSpec.Format.WORDNET_PROLOG, spec.format());
    Lexicon l = spec.read(new StandardAnalyzer());
    assertEquals(Set.of("automobile", "motor_car"), l.synonyms("car"));
    assertEquals(Set.of(), l.synonyms("entity"));
  }

  /** A WordNet database of three noun and two adjective synsets, in the wndb format. */
  private Path wordNet() throws Exception {
    Path db = dir.resolve("dict");
    Files.createDirectories(db);
    Files.writeString(
        db.resolve("data.noun"),
        "  1 This software and database is being provided ... licence header\n"
            + "00000100 06 n 02 car 0 Auto 0 001 @ 00000200 n 0000 | a motor vehicle\n"
            + "00000200 06 n 01 vehicle 0 002 ~ 00000100 n 0000 ~ 00000300 n 0000 | conveyance\n"
            + "00000300 06 n 02 motor_car 0 machine 1 001 @ 00000200 n 0000 | another\n");
    Files.writeString(
        db.resolve("data.adj"),
        "00001740 00 a 02 able 0 capable(a) 0 001 ! 00002098 a 0101 | having the means\n"
            + "00002098 00 a 01 unable 0 001 ! 00001740 a 0101 | not having the means\n");
    // Sense ranks: the car synset is machine's second sense, and auto's first.
    Files.writeString(
        db.resolve("index.noun"),
        "  1 licence header\n"
            + "auto n 1 1 @ 1 0 00000100\n"
            + "car n 1 1 @ 1 0 00000100\n"
            + "machine n 2 1 @ 2 0 00000999 00000300\n"
            + "motor_car n 1 1 @ 1 0 00000300\n"
            + "vehicle n 1 1 ~ 1 0 00000200\n");
    Files.writeString(db.resolve("index.adj"), "");
    Files.writeString(db.resolve("index.verb"), "");
    Files.writeString(db.resolve("index.adv"), "");
    Files.writeString(db.resolve("data.verb"), "");
    Files.writeString(db.resolve("data.adv"), "");
    return db;
  }

  @Test
  void readsWordNetsDatabaseWithAntonymsAndChosenRelations() throws Exception {
    Path db = wordNet();
    LexiconSpec spec = LexiconSpec.parse(db.toString(), DEFAULT, 0, true);
    assertEquals(LexiconSpec.Format.WORDNET, spec.format());
    Lexicon l = spec.read(new StandardAnalyzer());
    assertEquals(Set.of("auto"), l.synonyms("car"));
    assertEquals(Set.of("capable"), l.synonyms("able"), "the (a) marker is dropped");
    assertEquals(Set.of("unable"), l.antonyms("able"), "the antonym is the word sense's");
    assertEquals(Set.of(), l.antonyms("capable"), "capable is not unable's antonym");
    assertEquals(Set.of("machine"), l.synonyms("motor_car"));
    assertEquals(Set.of(), l.synonyms("vehicle"), "no hypernyms unless asked");
    Lexicon withHypernyms =
        LexiconSpec.parse(
                "wordnet:" + db,
                EnumSet.of(WordNetRelation.SYNONYMS, WordNetRelation.HYPERNYMS),
                0,
                true)
            .read(new StandardAnalyzer());
    assertEquals(Set.of("car", "auto", "motor_car", "machine"), withHypernyms.synonyms("vehicle"));
    assertTrue(!withHypernyms.hasAntonyms());
  }

  @Test
  void rareSensesCanBeLeftOut() throws Exception {
    Path db = wordNet();
    Lexicon firstSenses =
        LexiconSpec.parse("wordnet:" + db, DEFAULT, 1, true).read(new StandardAnalyzer());
    assertEquals(Set.of("auto"), firstSenses.synonyms("car"));
    assertEquals(Set.of(), firstSenses.synonyms("motor_car"), "machine's second sense");
    assertEquals(Set.of("unable"), firstSenses.antonyms("able"), "antonyms whatever their rank");
    Lexicon two = LexiconSpec.parse("wordnet:" + db, DEFAULT, 2, true).read(new StandardAnalyzer());
    assertEquals(Set.of("machine"), two.synonyms("motor_car"));
  }

  @Test
  void sensesAreRankedAcrossPartsOfSpeechBySemCorCounts() throws Exception {
    Path db = wordNet();
    // "cat": the animal (noun sense 1, tagged 18 times) and the verb (its sense 1, never tagged);
    // "fell": only the verb is tagged, though the noun comes first in part-of-speech order.
    Files.writeString(
        db.resolve("data.noun"),
        "00000500 05 n 02 cat 0 true_cat 0 000 | feline\n"
            + "00000600 08 n 02 fell 0 pelt 0 000 | hide\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        db.resolve("data.verb"),
        "00000700 34 v 02 cat 0 vomit 0 000 | throw up\n"
            + "00000800 35 v 02 fell 0 drop 1 000 | cut down\n");
    Files.writeString(
        db.resolve("index.noun"),
        "cat n 1 0 1 1 00000500\nfell n 1 0 1 0 00000600\npelt n 1 0 1 0 00000600\n"
            + "true_cat n 1 0 1 0 00000500\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        db.resolve("index.verb"),
        "cat v 1 0 1 0 00000700\ndrop v 1 0 1 0 00000800\nfell v 1 0 1 1 00000800\n"
            + "vomit v 1 0 1 0 00000700\n");
    Files.writeString(db.resolve("cntlist.rev"), "cat%1:05:00:: 1 18\nfell%2:35:00:: 1 4\n");
    Lexicon first =
        LexiconSpec.parse("wordnet:" + db, DEFAULT, 1, true).read(new StandardAnalyzer());
    assertEquals(Set.of("true_cat"), first.synonyms("cat"), "the tagged noun, not the verb");
    assertEquals(Set.of("drop"), first.synonyms("fell"), "the tagged verb, not the first noun");
    Lexicon two = LexiconSpec.parse("wordnet:" + db, DEFAULT, 2, true).read(new StandardAnalyzer());
    assertEquals(Set.of("true_cat", "vomit"), two.synonyms("cat"));
    assertEquals(Set.of("pelt", "drop"), two.synonyms("fell"));
    Files.delete(db.resolve("cntlist.rev"));
    Lexicon order =
        LexiconSpec.parse("wordnet:" + db, DEFAULT, 1, true).read(new StandardAnalyzer());
    assertEquals(
        Set.of("pelt"), order.synonyms("fell"), "without counts: WordNet's order, nouns first");
  }

  @Test
  void wordNetsMorphologyMapsInflectedFormsToTheirLemmasTokens() throws Exception {
    Path db = wordNet();
    Files.writeString(db.resolve("noun.exc"), "autoi auto\nmachinae machine\n");
    Lexicon l = LexiconSpec.parse("wordnet:" + db, DEFAULT, 0, true).read(new StandardAnalyzer());
    assertTrue(l.hasMorphology());
    assertEquals("car", l.lemma("cars"), "a regular plural");
    assertEquals("vehicle", l.lemma("vehicles"));
    assertEquals("machine", l.lemma("machinae"), "the exception list");
    assertEquals(null, l.lemma("car"), "a lemma is no inflection");
    assertEquals(null, l.lemma("trees"), "not a WordNet lemma");
    assertEquals(null, l.lemma("motor_cars"), "phrase tokens are left alone");
    Lexicon solr =
        LexiconSpec.parse(
                Files.writeString(dir.resolve("s.txt"), "car, auto\n").toString(), DEFAULT, 0, true)
            .read(new StandardAnalyzer());
    assertTrue(!solr.hasMorphology());
    assertEquals(null, solr.lemma("cars"));
  }

  @Test
  void wordNetsProperNounsAreLeftOutUnlessAsked() throws Exception {
    // Indiana's synset holds its abbreviation, which the analyzer folds onto the common word "in".
    Path db = dir.resolve("names");
    Files.createDirectories(db);
    Files.writeString(
        db.resolve("data.noun"),
        "00000100 15 n 02 Indiana 0 IN 0 001 @i 00000200 n 0000 | a state\n"
            + "00000200 15 n 02 american_state 0 state 0 001 ~i 00000100 n 0000 | a state\n"
            + "00000300 23 n 02 in 0 inch 0 000 | a unit of length\n");
    for (String f : new String[] {"data.verb", "data.adj", "data.adv"}) {
      Files.writeString(db.resolve(f), "");
    }
    Set<WordNetRelation> relations =
        EnumSet.of(WordNetRelation.SYNONYMS, WordNetRelation.HYPERNYMS);
    Lexicon all =
        LexiconSpec.parse("wordnet:" + db, relations, 0, true).read(new StandardAnalyzer());
    assertEquals(Set.of("indiana", "inch", "american_state", "state"), all.synonyms("in"));
    assertEquals(Set.of("in", "american_state", "state"), all.synonyms("indiana"));
    Lexicon common =
        LexiconSpec.parse("wordnet:" + db, relations, 0, false).read(new StandardAnalyzer());
    assertEquals(Set.of("inch"), common.synonyms("in"), "the abbreviation's sense is gone");
    assertEquals(Set.of(), common.synonyms("indiana"));
    assertEquals(Set.of("american_state"), common.synonyms("state"), "the instance link too");
    assertTrue(common.description().contains("no proper nouns"), common.description());
  }

  @Test
  void badLexiconsAreNamedWithTheirRemedy() throws Exception {
    LexicaException missing =
        assertThrows(
            LexicaException.class,
            () ->
                LexiconSpec.parse("wordnet:" + dir.resolve("none"), DEFAULT, 0, true)
                    .read(new StandardAnalyzer()));
    assertTrue(missing.remedy().contains("wordnet-base"), missing.remedy());
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "ok, fine\n => broken\n");
    LexicaException parse =
        assertThrows(
            LexicaException.class,
            () -> LexiconSpec.parse("solr:" + bad, DEFAULT, 0, true).read(new StandardAnalyzer()));
    assertTrue(parse.getMessage().contains(bad.toString()), parse.getMessage());
  }
}
