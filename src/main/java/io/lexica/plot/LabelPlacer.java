package io.lexica.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places labels beside their points so that they neither overlap each other nor cover points, as
 * far as the room allows: each label tries positions around its point (right, left, the four
 * diagonals, above, below), first touching the point, then farther out; it takes the first free
 * one, or failing that the one it overlaps least. A label placed away from its point gets a leader
 * line. Labels are placed most important first (the caller's priority), then those with the most
 * neighbouring points, which have the fewest free positions, so that they choose before the others
 * take their room. Greedy and deterministic: the same input places labels the same way.
 *
 * <p>Why not a force or annealing method: for the few dozen labels of a neighbour plot, trying a
 * fixed set of candidate positions in order leaves no overlap in practice, is explainable (a label
 * sits right of its point unless that is taken), and needs no random numbers. Stateless.
 */
final class LabelPlacer {
  /** Gap between a point's edge and its label. */
  private static final double GAP = 3;

  /** Room kept free around points other than a label's own. */
  private static final double CLEARANCE = 6;

  /** Extra distances tried beyond touching the point, in pixels. */
  private static final double[] OFFSETS = {0, 8, 18, 30, 46, 66};

  /** Directions tried at each distance, in order of preference. */
  private static final double[][] DIRECTIONS = {
    {1, 0}, {-1, 0}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1}, {0, -1}, {0, 1}
  };

  private LabelPlacer() {}

  /** A point to label: centre and radius. */
  record Point(double x, double y, double radius) {}

  /** A label: its point's index, its size, and its priority (higher places first). */
  record Label(int point, double width, double height, int priority) {}

  /** Where a label went: its box's top-left corner, and whether it needs a leader line. */
  record Placement(double x, double y, double width, double height, boolean leader) {
    double overlap(double ox, double oy, double ow, double oh) {
      double w = Math.min(x + width, ox + ow) - Math.max(x, ox);
      double h = Math.min(y + height, oy + oh) - Math.max(y, oy);
      return w > 0 && h > 0 ? w * h : 0;
    }
  }

  /**
   * Places {@code labels} for {@code points} inside the rectangle {@code bounds} ({x, y, width,
   * height}), avoiding the {@code obstacles} (boxes as {x, y, width, height}).
   *
   * @return one placement per label, in the order of {@code labels}
   */
  static List<Placement> place(
      List<Point> points, List<Label> labels, double[] bounds, List<double[]> obstacles) {
    Integer[] order = new Integer[labels.size()];
    int[] crowding = new int[labels.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      Point p = points.get(labels.get(i).point());
      for (Point q : points) {
        if (q != p && Math.abs(q.x() - p.x()) < 80 && Math.abs(q.y() - p.y()) < 30) {
          crowding[i]++;
        }
      }
    }
    java.util.Arrays.sort(
        order,
        Comparator.comparingInt((Integer i) -> -labels.get(i).priority())
            .thenComparingInt(i -> -crowding[i])
            .thenComparingInt(i -> i));
    List<Placement> placed = new ArrayList<>();
    Placement[] result = new Placement[labels.size()];
    for (int i : order) {
      Placement best = best(points, labels.get(i), bounds, obstacles, placed);
      placed.add(best);
      result[i] = best;
    }
    return List.of(result);
  }

  private static Placement best(
      List<Point> points,
      Label label,
      double[] bounds,
      List<double[]> obstacles,
      List<Placement> placed) {
    Point p = points.get(label.point());
    Placement best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (double offset : OFFSETS) {
      for (double[] d : DIRECTIONS) {
        Placement c = candidate(p, label, d, offset);
        double cost = cost(c, p, points, bounds, obstacles, placed);
        if (cost == 0) {
          return c;
        }
        // farther positions cost a little more, so that among equal overlaps the nearest wins
        cost += offset * 0.5;
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
    }
    return best;
  }

  /** The box in direction {@code d} from the point, {@code offset} beyond touching it. */
  private static Placement candidate(Point p, Label l, double[] d, double offset) {
    double w = l.width();
    double h = l.height();
    double reach = p.radius() + GAP + offset;
    double diagonal = d[0] != 0 && d[1] != 0 ? Math.sqrt(0.5) : 1;
    double ax = p.x() + d[0] * reach * diagonal;
    double ay = p.y() + d[1] * reach * diagonal;
    double x = d[0] > 0 ? ax : d[0] < 0 ? ax - w : ax - w / 2;
    double y = d[1] > 0 ? ay : d[1] < 0 ? ay - h : ay - h / 2;
    return new Placement(x, y, w, h, offset > 0);
  }

  private static double cost(
      Placement c,
      Point own,
      List<Point> points,
      double[] bounds,
      List<double[]> obstacles,
      List<Placement> placed) {
    if (c.x() < bounds[0]
        || c.y() < bounds[1]
        || c.x() + c.width() > bounds[0] + bounds[2]
        || c.y() + c.height() > bounds[1] + bounds[3]) {
      return 1e9;
    }
    double cost = 0;
    for (Placement other : placed) {
      cost += 4 * c.overlap(other.x(), other.y(), other.width(), other.height());
    }
    for (Point q : points) {
      if (q != own) {
        // a clearance around other points, so that a label is never read as theirs
        double r = q.radius() + CLEARANCE;
        cost += 2 * c.overlap(q.x() - r, q.y() - r, 2 * r, 2 * r);
      }
    }
    for (double[] o : obstacles) {
      cost += 4 * c.overlap(o[0], o[1], o[2], o[3]);
    }
    return cost;
  }
}
