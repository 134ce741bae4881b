package io.lexica.train.word2vec;

/**
 * The binary Huffman tree of hierarchical softmax, built from word counts as in the word2vec C
 * tool: frequent words get short paths. Word {@code w}'s path is a sequence of inner nodes (rows
 * {@code 0..words-2} of the output matrix) and, for each, the branch taken (0 or 1). Stored flat:
 * {@link #start}{@code [w] .. start[w+1]} indexes {@link #node} and {@link #code}. Immutable and
 * thread-safe.
 */
final class HuffmanTree {
  final int[] start;
  final int[] node;
  final byte[] code;

  private HuffmanTree(int[] start, int[] node, byte[] code) {
    this.start = start;
    this.node = node;
    this.code = code;
  }

  /**
   * The tree for {@code counts} in descending order (vocabulary order). Uses the C tool's two-queue
   * construction: leaves in descending count order and inner nodes in creation order, both sorted,
   * so the two smallest are always at the queues' ends.
   */
  static HuffmanTree of(long[] counts) {
    int n = counts.length;
    if (n == 1) { // one word: a path of one node, always branch 0
      return new HuffmanTree(new int[] {0, 1}, new int[] {0}, new byte[] {0});
    }
    long[] weight = new long[2 * n - 1];
    int[] parent = new int[2 * n - 1];
    byte[] branch = new byte[2 * n - 1];
    for (int i = 0; i < n; i++) {
      if (i > 0 && counts[i] > counts[i - 1]) {
        throw new IllegalArgumentException("counts must be in descending order");
      }
      weight[i] = counts[i];
    }
    int leaf = n - 1; // next smallest leaf, moving down
    int inner = n; // next smallest inner node, moving up
    for (int k = n; k < 2 * n - 1; k++) {
      int a = leaf >= 0 && (inner >= k || weight[leaf] < weight[inner]) ? leaf-- : inner++;
      int b = leaf >= 0 && (inner >= k || weight[leaf] < weight[inner]) ? leaf-- : inner++;
      weight[k] = weight[a] + weight[b];
      parent[a] = k;
      parent[b] = k;
      branch[b] = 1;
    }
    int root = 2 * n - 2;
    int[] depth = new int[n];
    int total = 0;
    for (int w = 0; w < n; w++) {
      for (int x = w; x != root; x = parent[x]) {
        depth[w]++;
      }
      total += depth[w];
    }
    int[] start = new int[n + 1];
    int[] node = new int[total];
    byte[] code = new byte[total];
    for (int w = 0; w < n; w++) {
      start[w + 1] = start[w] + depth[w];
      int at = start[w + 1];
      // walk leaf to root, filling from the end so that the path reads root first
      for (int x = w; x != root; x = parent[x]) {
        at--;
        code[at] = branch[x];
        node[at] = parent[x] - n; // inner nodes n..2n-2 are output rows 0..n-2
      }
    }
    return new HuffmanTree(start, node, code);
  }

  /** Length of word {@code w}'s code. */
  int depth(int w) {
    return start[w + 1] - start[w];
  }
}
