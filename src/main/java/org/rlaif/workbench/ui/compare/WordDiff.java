package org.rlaif.workbench.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Word-level differences between two texts: Myers' O((N+M)D) algorithm aligns the words (so the most words
 * possible count as shared, whatever the punctuation does), then the spaces and punctuation between words count as
 * the same when they sit between the same two aligned words in both texts.
 *
 * <p>Runs of whitespace compare equal whatever they are made of, so a reflowed line is not a change. Common
 * starts and ends are taken off before the search; when the texts differ in more than {@link #MAX_EDITS} words the
 * middle is reported as changed as a whole rather than searched (two unrelated answers are not worth aligning word
 * by word, and the search would be quadratic).
 */
public final class WordDiff {
    /** Beyond this many word edits, the texts are treated as different as a whole between their common ends. */
    public static final int MAX_EDITS = 2_000;

    /** How a piece of text fares in the other text. */
    public enum Kind { SAME, CHANGED }

    /** A run of one text, by character offsets into it. */
    public record Segment(int start, int end, Kind kind) {
        public Segment {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad segment " + start + ".." + end);
            }
        }

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    /**
     * The segments of both texts. {@code a}'s changed parts are what B lacks; {@code b}'s are what B adds.
     *
     * @param sameWords   words (not spaces or punctuation) both texts share, in order
     * @param wordsA      words in A
     * @param wordsB      words in B
     * @param aligned     false when the texts were too different to align word by word
     */
    public record Result(List<Segment> a, List<Segment> b, int sameWords, int wordsA, int wordsB, boolean aligned) {
        public Result {
            a = List.copyOf(a);
            b = List.copyOf(b);
        }

        /** Share of words the texts have in common: 2 x shared / (words in A + words in B); 1 for two empty texts. */
        public double similarity() {
            return wordsA + wordsB == 0 ? 1 : 2.0 * sameWords / (wordsA + wordsB);
        }
    }

    private WordDiff() {
    }

    public static Result diff(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        List<Token> ta = tokenize(a);
        List<Token> tb = tokenize(b);
        List<Integer> wa = wordIndexes(ta);
        List<Integer> wb = wordIndexes(tb);
        int n = wa.size();
        int m = wb.size();
        int[] matchA = new int[n];
        int[] matchB = new int[m];
        java.util.Arrays.fill(matchA, -1);
        java.util.Arrays.fill(matchB, -1);
        int prefix = 0;
        while (prefix < n && prefix < m && sameWord(ta, wa, prefix, tb, wb, prefix)) {
            matchA[prefix] = prefix;
            matchB[prefix] = prefix;
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix
                && sameWord(ta, wa, n - 1 - suffix, tb, wb, m - 1 - suffix)) {
            matchA[n - 1 - suffix] = m - 1 - suffix;
            matchB[m - 1 - suffix] = n - 1 - suffix;
            suffix++;
        }
        List<String> midA = new ArrayList<>();
        for (int i = prefix; i < n - suffix; i++) {
            midA.add(ta.get(wa.get(i)).key);
        }
        List<String> midB = new ArrayList<>();
        for (int j = prefix; j < m - suffix; j++) {
            midB.add(tb.get(wb.get(j)).key);
        }
        boolean aligned = myers(midA, midB, matchA, matchB, prefix);
        boolean[] sameA = classify(ta, wa, matchA, tb, wb);
        boolean[] sameB = classify(tb, wb, matchB, ta, wa);
        int shared = 0;
        for (int x : matchA) {
            if (x >= 0) {
                shared++;
            }
        }
        return new Result(segments(ta, sameA), segments(tb, sameB), shared, n, m, aligned);
    }

    private static boolean sameWord(List<Token> ta, List<Integer> wa, int i, List<Token> tb, List<Integer> wb, int j) {
        return ta.get(wa.get(i)).key.equals(tb.get(wb.get(j)).key);
    }

    private static List<Integer> wordIndexes(List<Token> tokens) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).word) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Which tokens of one text are the same in the other: a matched word is; the spaces and punctuation between two
     * words are when, next to a matched word, the other text has the same separator on the same side of that
     * word's partner (whitespace of any kind counting alike). The start and the end of both texts count as matched,
     * so a changed word at the start or end leaves the surrounding punctuation alone.
     */
    private static boolean[] classify(List<Token> tokens, List<Integer> words, int[] match, List<Token> other,
                                      List<Integer> otherWords) {
        boolean[] same = new boolean[tokens.size()];
        for (int w = 0; w < words.size(); w++) {
            same[words.get(w)] = match[w] >= 0;
        }
        // gap g lies between word g-1 and word g (g = 0: before the first word, g = words: after the last)
        for (int g = 0; g <= words.size(); g++) {
            int from = g == 0 ? 0 : words.get(g - 1) + 1;
            int to = g == words.size() ? tokens.size() : words.get(g);
            if (from >= to) {
                continue;
            }
            String key = gapKey(tokens, words, g);
            int leftPartner = g == 0 ? -1 : match[g - 1];
            boolean leftMatched = g == 0 || leftPartner >= 0;
            int afterLeft = g == 0 ? 0 : leftPartner + 1;
            int rightPartner = g == words.size() ? otherWords.size() : match[g];
            boolean rightMatched = g == words.size() || rightPartner >= 0;
            boolean gapSame = (leftMatched && key.equals(gapKey(other, otherWords, afterLeft)))
                    || (rightMatched && key.equals(gapKey(other, otherWords, rightPartner)));
            for (int t = from; t < to; t++) {
                same[t] = gapSame;
            }
        }
        return same;
    }

    private static String gapKey(List<Token> tokens, List<Integer> words, int g) {
        int from = g == 0 ? 0 : words.get(g - 1) + 1;
        int to = g == words.size() ? tokens.size() : words.get(g);
        StringBuilder key = new StringBuilder();
        for (int t = from; t < to; t++) {
            key.append(tokens.get(t).key);
        }
        return key.toString();
    }

    /**
     * Pairs up the words on a shortest edit script's common subsequence (match arrays hold the partner's index,
     * shifted by {@code offset}); false when it gives up past MAX_EDITS.
     */
    private static boolean myers(List<String> a, List<String> b, int[] matchA, int[] matchB, int offset) {
        int n = a.size();
        int m = b.size();
        if (n == 0 || m == 0) {
            return true;
        }
        int max = Math.min(n + m, MAX_EDITS);
        int width = 2 * max + 1;
        int[] v = new int[width];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            // the diagonals round d can read: -d..d (stored shifted by d), so the trace grows with D squared, not D x (N+M)
            trace.add(java.util.Arrays.copyOfRange(v, max - d, max + d + 1));
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
                    x = v[max + k + 1];
                } else {
                    x = v[max + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[max + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return false;
        }
        // walk the trace back from (n, m), marking the diagonal moves as shared tokens
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && prev[d + k - 1] < prev[d + k + 1])) ? k + 1 : k - 1;
            int prevX = prev[d + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                matchA[offset + x] = offset + y;
                matchB[offset + y] = offset + x;
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            matchA[offset + x] = offset + y;
            matchB[offset + y] = offset + x;
        }
        return true;
    }

    private static List<Segment> segments(List<Token> tokens, boolean[] same) {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            boolean s = same[i];
            int j = i;
            while (j < tokens.size() && same[j] == s) {
                j++;
            }
            out.add(new Segment(tokens.get(i).start, tokens.get(j - 1).end, s ? Kind.SAME : Kind.CHANGED));
            i = j;
        }
        return out;
    }

    /** A word (letters, digits, apostrophes inside), a run of whitespace, or one other character. */
    record Token(String key, int start, int end, boolean word) {
    }

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                while (j < n && Character.isWhitespace(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                out.add(new Token(" ", i, j, false));
            } else if (Character.isLetterOrDigit(cp)) {
                while (j < n) {
                    int c = text.codePointAt(j);
                    boolean inner = (c == '\'' || c == '’') && j + 1 < n && Character.isLetterOrDigit(text.codePointAt(j + 1));
                    if (!Character.isLetterOrDigit(c) && !inner) {
                        break;
                    }
                    j += Character.charCount(c);
                }
                out.add(new Token(text.substring(i, j), i, j, true));
            } else {
                out.add(new Token(text.substring(i, j), i, j, false));
            }
            i = j;
        }
        return out;
    }
}
