package io.lexica.train.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HuffmanTreeTest {
  @Test
  void codesArePrefixFreeCompleteAndShortForFrequentWords() {
    long[] counts = {500, 300, 120, 80, 80, 40, 20, 5, 3, 1, 1};
    HuffmanTree tree = HuffmanTree.of(counts);
    Set<String> codes = new HashSet<>();
    double kraft = 0;
    long weightedLength = 0;
    for (int w = 0; w < counts.length; w++) {
      StringBuilder sb = new StringBuilder();
      for (int i = tree.start[w]; i < tree.start[w + 1]; i++) {
        sb.append(tree.code[i]);
        assertTrue(tree.node[i] >= 0 && tree.node[i] < counts.length - 1, "inner node row");
      }
      assertEquals(counts.length - 2, tree.node[tree.start[w]], "paths start at the root");
      codes.add(sb.toString());
      kraft += Math.pow(2, -tree.depth(w));
      weightedLength += counts[w] * tree.depth(w);
      if (w > 0) {
        assertTrue(tree.depth(w) >= tree.depth(w - 1), "rarer words have longer codes");
      }
    }
    assertEquals(counts.length, codes.size());
    for (String a : codes) {
      for (String b : codes) {
        assertTrue(a.equals(b) || !b.startsWith(a), a + " is a prefix of " + b);
      }
    }
    assertEquals(1.0, kraft, 1e-12, "a full binary tree");
    // optimal total length for these counts, computed by hand with the textbook algorithm
    assertEquals(huffmanCost(counts), weightedLength);
  }

  private static long huffmanCost(long[] counts) {
    java.util.PriorityQueue<Long> q = new java.util.PriorityQueue<>();
    for (long c : counts) {
      q.add(c);
    }
    long cost = 0;
    while (q.size() > 1) {
      long s = q.poll() + q.poll();
      cost += s;
      q.add(s);
    }
    return cost;
  }

  @Test
  void aSingleWordHasAOneNodePath() {
    HuffmanTree tree = HuffmanTree.of(new long[] {7});
    assertEquals(1, tree.depth(0));
  }
}
