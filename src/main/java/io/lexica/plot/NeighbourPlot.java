package io.lexica.plot;

import io.lexica.LexicaException;
import io.lexica.vectors.Embeddings;
import io.lexica.vectors.Neighbor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A picture of words and their nearest neighbours in a model: each query word and its {@code k}
 * nearest words in one colour, placed in two dimensions by {@link PrincipalComponents} of their
 * unit vectors (cosine geometry), labelled by {@link LabelPlacer}, with a legend and axis captions
 * that say how much of the variance the picture shows. A word is drawn and labelled once: a
 * neighbour of two query words keeps the colour of the first, and a thin line joins each query word
 * to each of its neighbours, so shared neighbours show as shared. Both axes have one scale: a
 * distance on the page means the same in any direction.
 *
 * <p>The layout is deterministic (no random numbers; text widths estimated, not measured by
 * whatever fonts a machine has), so a plot made again from the same model is the same picture.
 * Immutable.
 */
public final class NeighbourPlot {
  /**
   * What to plot and how large.
   *
   * @param k neighbours per query word, at least 1
   * @param minSimilarity lowest cosine of a neighbour, in [-1, 1] (-1: always {@code k})
   * @param width picture width in pixels, at least 400
   * @param height picture height in pixels, at least 300
   * @param title the picture's title; null for one naming the query words
   * @param layout how words are placed
   */
  public record Options(
      int k, float minSimilarity, int width, int height, String title, Placement layout) {
    /** Neighbours per query word by default: enough to show a neighbourhood, few to read. */
    public static final int DEFAULT_K = 10;

    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 720;

    public static final Options DEFAULT =
        new Options(DEFAULT_K, -1, DEFAULT_WIDTH, DEFAULT_HEIGHT, null, Placement.MDS);

    /**
     * Checks every option before any work starts.
     *
     * @throws io.lexica.LexicaException when an option is outside its range, naming the range and a
     *     typical value
     */
    public Options {
      java.util.Objects.requireNonNull(layout, "layout");
      if (k < 1 || k > 100) {
        throw new LexicaException(
            "k must be in [1, 100], not " + k, "a picture holds a few dozen words; pass e.g. 10");
      }
      if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
        throw new LexicaException(
            "min similarity must be in [-1, 1], not " + minSimilarity, "it is a cosine");
      }
      if (width < 400 || height < 300 || width > 10_000 || height > 10_000) {
        throw new LexicaException(
            "a picture of " + width + " x " + height + " pixels is too small or too large",
            "pass a width in [400, 10000] and a height in [300, 10000]");
      }
    }
  }

  /** How words are placed on the page. */
  public enum Placement {
    /**
     * The first two principal components of the unit vectors: linear, axes with a meaning, but the
     * distances inside a group (along the other components) are squeezed.
     */
    PCA,
    /**
     * Metric MDS started from the PCA layout ({@link StressMajorization}): page distances follow
     * the distances between the unit vectors, inside groups too. The default.
     */
    MDS
  }

  /**
   * A query word and its neighbours, best first.
   *
   * @param query the query word
   * @param neighbours its nearest words in the model, best first
   */
  public record Group(String query, List<Neighbor> neighbours) {}

  /**
   * One word on the picture: its group and where it is.
   *
   * @param word the word
   * @param group the index in {@link #groups()} of the group it is drawn with: its own when it is a
   *     query word, else the first group, in query order, that lists it
   * @param query whether it is that group's query word
   * @param x the first principal coordinate
   * @param y the second principal coordinate
   */
  public record PlacedWord(String word, int group, boolean query, double x, double y) {}

  /** Colour-blind-safe colours (Okabe and Ito 2008), without the yellow that vanishes on white. */
  static final String[] PALETTE = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"
  };

  private static final double MARGIN = 24;
  private static final double TITLE_BAND = 58;
  private static final double CAPTION_BAND = 34;
  private static final double WORD_SIZE = 14;
  private static final double QUERY_SIZE = 16;
  private static final double QUERY_RADIUS = 6.5;
  private static final double WORD_RADIUS = 4;

  private final List<Group> groups;
  private final List<PlacedWord> words;
  private final Scene scene;

  private NeighbourPlot(List<Group> groups, List<PlacedWord> words, Scene scene) {
    this.groups = groups;
    this.words = words;
    this.scene = scene;
  }

  /**
   * The plot of {@code queries} and their neighbours in {@code model}.
   *
   * @param model the model to draw from
   * @param queries the query words, in the order of the legend
   * @param options how many neighbours, the minimum similarity, the layout and the picture's size
   * @param source what the model is, for the subtitle (e.g. its folder's name); may be null
   * @return the plot, laid out and drawn
   * @throws LexicaException when a query word is not in the model, or given twice
   */
  public static NeighbourPlot of(
      Embeddings model, List<String> queries, Options options, String source) {
    if (queries.isEmpty()) {
      throw new LexicaException("no words to plot", "name one or more words of the model");
    }
    List<String> missing = queries.stream().filter(q -> model.unitVector(q) == null).toList();
    if (!missing.isEmpty()) {
      throw new LexicaException(
          "not in the model: " + String.join(", ", missing),
          "plot words the model has (lexica neighbors MODEL WORD says whether it has one)");
    }
    if (queries.stream().distinct().count() < queries.size()) {
      throw new LexicaException("a word is given twice: " + queries, "name each word once");
    }
    List<Group> groups = new ArrayList<>();
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    Map<String, Boolean> isQuery = new LinkedHashMap<>();
    for (int g = 0; g < queries.size(); g++) {
      groupOf.put(queries.get(g), g);
      isQuery.put(queries.get(g), true);
    }
    for (int g = 0; g < queries.size(); g++) {
      String q = queries.get(g);
      List<Neighbor> ns = model.nearest(q, options.k(), options.minSimilarity());
      groups.add(new Group(q, ns));
      for (Neighbor n : ns) {
        groupOf.putIfAbsent(n.word(), g);
        isQuery.putIfAbsent(n.word(), false);
      }
    }
    List<String> plotted = new ArrayList<>(groupOf.keySet());
    if (plotted.size() < 2) {
      throw new LexicaException(
          "only one word to plot: '" + plotted.get(0) + "' has no neighbours above the cosine",
          "lower --min-similarity or add words");
    }
    float[][] rows = new float[plotted.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = model.unitVector(plotted.get(i));
    }
    PrincipalComponents pca = PrincipalComponents.of(rows, 2);
    double[][] delta = distances(rows);
    double[][] coords = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      coords[i] = pca.coordinates(i);
    }
    double pcaStress = StressMajorization.normalizedStress(delta, coords);
    double stress = pcaStress;
    if (options.layout() == Placement.MDS) {
      // turned to its own principal axes, so that the widest extent runs across the page
      PrincipalComponents axes =
          PrincipalComponents.of(StressMajorization.layout(delta, coords), 2);
      for (int i = 0; i < rows.length; i++) {
        coords[i] = axes.coordinates(i);
      }
      stress = StressMajorization.normalizedStress(delta, coords);
    }
    List<PlacedWord> words = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      String w = plotted.get(i);
      words.add(new PlacedWord(w, groupOf.get(w), isQuery.get(w), coords[i][0], coords[i][1]));
    }
    String how =
        options.layout() == Placement.PCA
            ? String.format(
                Locale.ROOT, "placed by PCA of the unit vectors (stress %.2f)", pcaStress)
            : String.format(
                Locale.ROOT,
                "placed by metric MDS of the unit vectors' distances (stress %.2f; PCA alone %.2f)",
                stress,
                pcaStress);
    Scene scene = new Drawing(options, groups, words, pca.explainedVariance(), source, how).draw();
    return new NeighbourPlot(List.copyOf(groups), List.copyOf(words), scene);
  }

  /** Euclidean distances between unit vectors: {@code sqrt(2 - 2 cos)}. */
  private static double[][] distances(float[][] rows) {
    int n = rows.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dot = 0;
        for (int c = 0; c < rows[i].length; c++) {
          dot += (double) rows[i][c] * rows[j][c];
        }
        d[i][j] = d[j][i] = Math.sqrt(Math.max(0, 2 - 2 * dot));
      }
    }
    return d;
  }

  /**
   * The query words and their neighbours, in the order given.
   *
   * @return an unmodifiable list, one group per query word
   */
  public List<Group> groups() {
    return groups;
  }

  /**
   * Every plotted word once, with its principal coordinates (not pixels).
   *
   * @return an unmodifiable list
   */
  public List<PlacedWord> words() {
    return words;
  }

  /**
   * The picture.
   *
   * @return the scene to render with {@link PlotOutput}
   */
  public Scene scene() {
    return scene;
  }

  /** The text colour of a group: its colour darkened, so that labels read on white. */
  static String textColour(String colour) {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    int r = (int) (((rgb >> 16) & 0xff) * 0.78);
    int g = (int) (((rgb >> 8) & 0xff) * 0.78);
    int b = (int) ((rgb & 0xff) * 0.78);
    return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
  }

  static String colour(int group) {
    return PALETTE[group % PALETTE.length];
  }

  /** Turns the words' coordinates into shapes on the page. */
  private static final class Drawing {
    private final Options o;
    private final List<Group> groups;
    private final List<PlacedWord> words;
    private final double[] explained;
    private final String source;
    private final String how;
    private final List<Scene.Shape> shapes = new ArrayList<>();

    Drawing(
        Options o,
        List<Group> groups,
        List<PlacedWord> words,
        double[] explained,
        String source,
        String how) {
      this.o = o;
      this.groups = groups;
      this.words = words;
      this.explained = explained;
      this.source = source;
      this.how = how;
    }

    /**
     * The words' pixel positions in the area {@code (x, y, w, h)}: one scale for both axes (up is
     * positive unless mirrored), room kept at the sides for labels, the picture centred.
     */
    private void project(
        double x,
        double y,
        double w,
        double h,
        boolean mirrorX,
        boolean mirrorY,
        double[] sx,
        double[] sy) {
      double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
      double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
      for (PlacedWord p : words) {
        minX = Math.min(minX, p.x());
        maxX = Math.max(maxX, p.x());
        minY = Math.min(minY, p.y());
        maxY = Math.max(maxY, p.y());
      }
      double padX = 90;
      double padY = 28;
      double innerW = w - 2 * padX;
      double innerH = h - 2 * padY;
      double spanX = Math.max(maxX - minX, 1e-9);
      double spanY = Math.max(maxY - minY, 1e-9);
      double scale = Math.min(innerW / spanX, innerH / spanY);
      double ox = x + padX + (innerW - scale * spanX) / 2;
      double oy = y + padY + (innerH - scale * spanY) / 2;
      for (int i = 0; i < words.size(); i++) {
        double fx = (words.get(i).x() - minX) / spanX;
        double fy = (maxY - words.get(i).y()) / spanY;
        sx[i] = ox + (mirrorX ? 1 - fx : fx) * spanX * scale;
        sy[i] = oy + (mirrorY ? 1 - fy : fy) * spanY * scale;
      }
    }

    /** An axis caption centred at {@code (x, y)}. */
    private static Scene.Text caption(String text, double x, double y, boolean rotated) {
      return new Scene.Text(text, x, y, 12, false, "#555555", Scene.Anchor.MIDDLE, rotated, false);
    }

    /** Whether no point lies in {@code box} or within a label's height of it. */
    private static boolean free(double[] box, double[] sx, double[] sy) {
      double m = 24;
      for (int i = 0; i < sx.length; i++) {
        if (sx[i] > box[0] - m
            && sx[i] < box[0] + box[2] + m
            && sy[i] > box[1] - m
            && sy[i] < box[1] + box[3] + m) {
          return false;
        }
      }
      return true;
    }

    Scene draw() {
      double w = o.width();
      double h = o.height();
      shapes.add(new Scene.Box(0, 0, w, h, "#FFFFFF", null));
      String title =
          o.title() != null
              ? o.title()
              : "Nearest words of " + String.join(", ", groups.stream().map(Group::query).toList());
      shapes.add(
          new Scene.Text(title, MARGIN, 30, 20, true, "#222222", Scene.Anchor.START, false, false));
      String subtitle =
          String.format(
              Locale.ROOT,
              "%s%d nearest words each by cosine; %s",
              source == null ? "" : source + ": ",
              o.k(),
              how);
      // a long subtitle (a long model name, a narrow picture) shrinks rather than runs off
      double subtitleSize =
          Math.max(9, Math.min(13, 13 * (w - 2 * MARGIN) / TextWidth.of(subtitle, 13, false)));
      shapes.add(
          new Scene.Text(
              subtitle,
              MARGIN,
              50,
              subtitleSize,
              false,
              "#555555",
              Scene.Anchor.START,
              false,
              false));

      // legend: a box at the top right of the plot area
      double legendLine = 20;
      double legendWidth = 0;
      List<String> entries = new ArrayList<>();
      for (Group g : groups) {
        String e = g.query() + " and its " + g.neighbours().size() + " nearest words";
        entries.add(e);
        legendWidth = Math.max(legendWidth, TextWidth.of(e, 13, false));
      }
      legendWidth += 36;
      double legendHeight = legendLine * entries.size() + 12;

      double px = MARGIN + 22; // room for the vertical caption
      double py = TITLE_BAND + 8;
      double pw = w - px - MARGIN;
      double ph = h - py - CAPTION_BAND;
      shapes.add(new Scene.Box(px, py, pw, ph, "#FCFCFC", "#DDDDDD"));
      // The legend goes in a corner of the plot area that no point falls in, the picture mirrored
      // if that frees one (a layout's orientation means nothing); only when no corner is free are
      // the points moved down, below a band that holds it.
      double[] sx = new double[words.size()];
      double[] sy = new double[words.size()];
      double[] legend = null;
      double[][] corners = {
        {px + pw - legendWidth - 8, py + 8},
        {px + 8, py + 8},
        {px + pw - legendWidth - 8, py + ph - legendHeight - 8},
        {px + 8, py + ph - legendHeight - 8}
      };
      search:
      for (int mirror = 0; mirror < 4; mirror++) {
        project(px, py, pw, ph, (mirror & 1) != 0, (mirror & 2) != 0, sx, sy);
        for (double[] c : corners) {
          double[] box = {c[0], c[1], legendWidth, legendHeight};
          if (free(box, sx, sy)) {
            legend = box;
            break search;
          }
        }
      }
      if (legend == null) {
        project(px, py + legendHeight + 8, pw, ph - legendHeight - 8, false, false, sx, sy);
        legend = new double[] {corners[0][0], corners[0][1], legendWidth, legendHeight};
      }
      double lx = legend[0];
      double ly = legend[1];
      Map<String, Integer> index = new LinkedHashMap<>();
      for (int i = 0; i < words.size(); i++) {
        index.put(words.get(i).word(), i);
      }

      // links from each query word to each of its neighbours
      for (int g = 0; g < groups.size(); g++) {
        int q = index.get(groups.get(g).query());
        for (Neighbor n : groups.get(g).neighbours()) {
          int t = index.get(n.word());
          shapes.add(new Scene.Line(sx[q], sy[q], sx[t], sy[t], colour(g), 1, 0.28));
        }
      }

      List<LabelPlacer.Point> points = new ArrayList<>();
      List<LabelPlacer.Label> labels = new ArrayList<>();
      for (int i = 0; i < words.size(); i++) {
        PlacedWord p = words.get(i);
        double r = p.query() ? QUERY_RADIUS : WORD_RADIUS;
        double size = p.query() ? QUERY_SIZE : WORD_SIZE;
        points.add(new LabelPlacer.Point(sx[i], sy[i], r));
        labels.add(
            new LabelPlacer.Label(
                i, TextWidth.of(p.word(), size, p.query()) + 4, size * 1.3, p.query() ? 1 : 0));
      }
      List<LabelPlacer.Placement> placed =
          LabelPlacer.place(points, labels, new double[] {px, py, pw, ph}, List.of(legend));
      for (int i = 0; i < words.size(); i++) {
        LabelPlacer.Placement l = placed.get(i);
        if (l.leader()) {
          double tx = Math.max(l.x(), Math.min(sx[i], l.x() + l.width()));
          double ty = Math.max(l.y(), Math.min(sy[i], l.y() + l.height()));
          shapes.add(new Scene.Line(sx[i], sy[i], tx, ty, "#888888", 0.8, 0.9));
        }
      }
      for (int i = 0; i < words.size(); i++) {
        PlacedWord p = words.get(i);
        shapes.add(
            new Scene.Circle(
                sx[i],
                sy[i],
                p.query() ? QUERY_RADIUS : WORD_RADIUS,
                colour(p.group()),
                p.query() ? "#222222" : "#FFFFFF"));
      }
      for (int i = 0; i < words.size(); i++) {
        PlacedWord p = words.get(i);
        LabelPlacer.Placement l = placed.get(i);
        double size = p.query() ? QUERY_SIZE : WORD_SIZE;
        shapes.add(
            new Scene.Text(
                p.word(),
                l.x() + 2,
                l.y() + size * 1.0,
                size,
                p.query(),
                p.query() ? "#111111" : textColour(colour(p.group())),
                Scene.Anchor.START,
                false,
                true));
      }

      shapes.add(new Scene.Box(lx, ly, legendWidth, legendHeight, "#FFFFFF", "#CCCCCC"));
      for (int g = 0; g < entries.size(); g++) {
        double y = ly + 6 + legendLine * g + legendLine / 2;
        shapes.add(new Scene.Circle(lx + 16, y, 5.5, colour(g), "#222222"));
        shapes.add(
            new Scene.Text(
                entries.get(g),
                lx + 28,
                y + 4.5,
                13,
                false,
                "#222222",
                Scene.Anchor.START,
                false,
                false));
      }

      String bottom =
          o.layout() == Placement.PCA
              ? String.format(
                  Locale.ROOT,
                  "first principal component (%.0f%% of the variance)",
                  100 * explained[0])
              : "distances on the page follow the distances between the words' unit vectors"
                  + " (one scale in every direction)";
      shapes.add(caption(bottom, px + pw / 2, h - 12, false));
      if (o.layout() == Placement.PCA) {
        shapes.add(
            caption(
                String.format(
                    Locale.ROOT, "second principal component (%.0f%%)", 100 * explained[1]),
                MARGIN + 8,
                py + ph / 2,
                true));
      }
      return new Scene(o.width(), o.height(), title, shapes);
    }
  }
}
