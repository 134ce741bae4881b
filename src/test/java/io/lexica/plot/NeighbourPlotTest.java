package io.lexica.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.LexicaException;
import io.lexica.expand.FakeEmbeddings;
import io.lexica.util.OutputPolicy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class NeighbourPlotTest {
  @TempDir Path tmp;

  private static final int DIM = 24;

  /** A random unit-ish direction. */
  private static float[] direction(Random r) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /**
   * Three query words with six neighbours each, spread around them along their own directions, plus
   * a word with characters XML must escape.
   */
  private static FakeEmbeddings planted(List<String> queries) {
    Random r = new Random(7);
    FakeEmbeddings m = new FakeEmbeddings(DIM);
    for (String q : queries) {
      float[] centre = direction(r);
      m.put(q, centre);
      for (int j = 0; j < 6; j++) {
        float[] v = centre.clone();
        float[] jitter = direction(r);
        for (int i = 0; i < DIM; i++) {
          v[i] += 0.45f * jitter[i];
        }
        m.put(q + "_n" + j + (j == 0 ? "<&\"'>" : ""), v);
      }
    }
    return m;
  }

  private static final List<String> QUERIES = List.of("king", "paris", "computer");

  private static NeighbourPlot plot(NeighbourPlot.Placement layout) {
    return NeighbourPlot.of(
        planted(QUERIES),
        QUERIES,
        new NeighbourPlot.Options(6, -1, 900, 640, null, layout),
        "planted");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void svgIsWellFormedAndLabelsEveryWordExactlyOnce() throws Exception {
    for (NeighbourPlot.Placement layout : NeighbourPlot.Placement.values()) {
      NeighbourPlot p = plot(layout);
      assertEquals(QUERIES.size() * 7, p.words().size(), "every word drawn once");
      Document svg = parse(SvgRenderer.render(p.scene()));
      assertEquals("svg", svg.getDocumentElement().getLocalName());
      NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
      Map<String, Integer> labels = new HashMap<>();
      for (int i = 0; i < texts.getLength(); i++) {
        labels.merge(texts.item(i).getTextContent(), 1, Integer::sum);
      }
      for (NeighbourPlot.PlacedWord w : p.words()) {
        assertEquals(1, labels.getOrDefault(w.word(), 0), layout + ": label of " + w.word());
      }
      assertEquals(1, labels.getOrDefault("king_n0<&\"'>", 0), "escaped and read back");
      for (String q : QUERIES) {
        assertEquals(
            1, labels.getOrDefault(q + " and its 6 nearest words", 0), "legend entry of " + q);
      }
    }
  }

  @Test
  void labelsDoNotOverlapEachOther() {
    NeighbourPlot p = plot(NeighbourPlot.Placement.MDS);
    List<double[]> boxes = new ArrayList<>();
    for (Scene.Shape s : p.scene().shapes()) {
      if (s instanceof Scene.Text t && t.halo()) {
        double w = TextWidth.of(t.text(), t.size(), t.bold());
        boxes.add(new double[] {t.x(), t.y() - t.size(), w, t.size() * 1.2});
      }
    }
    assertEquals(p.words().size(), boxes.size());
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        double[] a = boxes.get(i), b = boxes.get(j);
        boolean apart =
            a[0] + a[2] <= b[0]
                || b[0] + b[2] <= a[0]
                || a[1] + a[3] <= b[1]
                || b[1] + b[3] <= a[1];
        assertTrue(apart, "labels " + i + " and " + j + " overlap");
      }
    }
  }

  @Test
  void theSamePlotTwiceIsTheSameSvg() {
    assertEquals(
        SvgRenderer.render(plot(NeighbourPlot.Placement.MDS).scene()),
        SvgRenderer.render(plot(NeighbourPlot.Placement.MDS).scene()));
  }

  @Test
  void pcaSeparatesTwoPlantedClustersAlongTheFirstComponent() {
    Random r = new Random(3);
    float[] axis = direction(r);
    float[][] rows = new float[40][];
    for (int i = 0; i < rows.length; i++) {
      float side = i < 20 ? 1 : -1;
      rows[i] = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        rows[i][d] = side * axis[d] + 0.1f * (float) r.nextGaussian();
      }
    }
    PrincipalComponents pca = PrincipalComponents.of(rows, 2);
    double firstOfA = pca.coordinates(0)[0];
    for (int i = 0; i < rows.length; i++) {
      double c = pca.coordinates(i)[0];
      assertTrue(i < 20 == (Math.signum(c) == Math.signum(firstOfA)), "row " + i + " at " + c);
      assertTrue(Math.abs(c) > 3, "far from the middle: " + c);
    }
    assertTrue(pca.explainedVariance()[0] > 0.9, "one direction holds the clusters");
  }

  @Test
  void pcaOfAPlaneInManyDimensionsKeepsItsDistancesExactly() {
    Random r = new Random(5);
    float[] u = direction(r);
    float[] v = direction(r);
    float[][] rows = new float[30][DIM];
    double[][] plane = new double[30][2];
    for (int i = 0; i < rows.length; i++) {
      plane[i][0] = r.nextGaussian();
      plane[i][1] = r.nextGaussian();
      for (int d = 0; d < DIM; d++) {
        rows[i][d] = (float) (plane[i][0] * u[d] + plane[i][1] * v[d]);
      }
    }
    PrincipalComponents pca = PrincipalComponents.of(rows, 2);
    assertEquals(1.0, pca.explainedVariance()[0] + pca.explainedVariance()[1], 1e-6);
    for (int i = 0; i < rows.length; i++) {
      for (int j = i + 1; j < rows.length; j++) {
        double original = 0;
        for (int d = 0; d < DIM; d++) {
          original += Math.pow(rows[i][d] - rows[j][d], 2);
        }
        assertEquals(
            Math.sqrt(original),
            StressMajorization.distance(pca.coordinates(i), pca.coordinates(j)),
            1e-4);
      }
    }
  }

  @Test
  void majorizationFitsTheDistancesBetterThanTheProjectionItStartsFrom() {
    NeighbourPlot pca = plot(NeighbourPlot.Placement.PCA);
    FakeEmbeddings model = planted(QUERIES);
    int n = pca.words().size();
    double[][] delta = new double[n][n];
    double[][] start = new double[n][];
    for (int i = 0; i < n; i++) {
      start[i] = new double[] {pca.words().get(i).x(), pca.words().get(i).y()};
      for (int j = 0; j < n; j++) {
        float cos = model.similarity(pca.words().get(i).word(), pca.words().get(j).word());
        delta[i][j] = i == j ? 0 : Math.sqrt(Math.max(0, 2 - 2 * cos));
      }
    }
    double before = StressMajorization.normalizedStress(delta, start);
    double after =
        StressMajorization.normalizedStress(delta, StressMajorization.layout(delta, start));
    assertTrue(after < 0.8 * before, "stress " + before + " -> " + after);
  }

  @Test
  void pngIsTheSamePictureAtTwiceTheSize() throws Exception {
    NeighbourPlot p = plot(NeighbourPlot.Placement.MDS);
    Path file = tmp.resolve("plot.png");
    PlotOutput.write(p.scene(), file, PlotOutput.formatOf(file), OutputPolicy.SAFE);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(2 * 900, image.getWidth());
    assertEquals(2 * 640, image.getHeight());
    // the centre of each query word's marker has its group's colour
    int group = 0;
    for (Scene.Shape s : p.scene().shapes()) {
      if (s instanceof Scene.Circle c && c.radius() > 6 && !c.stroke().equals("#FFFFFF")) {
        int rgb = image.getRGB((int) Math.round(2 * c.x()), (int) Math.round(2 * c.y())) & 0xFFFFFF;
        assertEquals(Integer.parseInt(c.fill().substring(1), 16), rgb, "marker " + group++);
      }
    }
    assertTrue(group >= QUERIES.size());
  }

  @Test
  void unknownWordsAreNamed() {
    LexicaException e =
        assertThrows(
            LexicaException.class,
            () ->
                NeighbourPlot.of(
                    planted(QUERIES),
                    List.of("king", "qeen"),
                    NeighbourPlot.Options.DEFAULT,
                    null));
    assertTrue(e.getMessage().contains("qeen"), e.getMessage());
    assertThrows(LexicaException.class, () -> PlotOutput.formatOf(Path.of("plot.jpg")));
  }
}
