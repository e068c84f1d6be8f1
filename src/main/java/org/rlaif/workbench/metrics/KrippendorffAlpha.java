package org.rlaif.workbench.metrics;

/**
 * Krippendorff's alpha for nominal data, missing values allowed (Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability", 2011): {@code alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k}, where
 * {@code o_ck} are the coincidences of values within units and units with fewer than two values are not pairable.
 */
public final class KrippendorffAlpha {
    private KrippendorffAlpha() {
    }

    /**
     * Alpha over a reliability data matrix: {@code data[coder][unit]} holds a choice code (A, B, TIE) or
     * {@link LabelCodes#NONE} where that coder gave no value.
     *
     * @throws UndefinedMetricException when no unit has two values, or all values are one category
     */
    public static double nominal(byte[][] data) {
        if (data.length == 0) {
            throw new UndefinedMetricException("Krippendorff's alpha: no coders");
        }
        int units = data[0].length;
        Accumulator acc = new Accumulator(ConfusionMatrix.K, data.length);
        int[] counts = new int[ConfusionMatrix.K];
        for (int u = 0; u < units; u++) {
            java.util.Arrays.fill(counts, 0);
            for (byte[] coder : data) {
                if (coder.length != units) {
                    throw new IllegalArgumentException("every coder needs a value (or NONE) for each of " + units + " units");
                }
                LabelCodes.requireChoice(coder[u], "alpha data");
                if (coder[u] != LabelCodes.NONE) {
                    counts[coder[u]]++;
                }
            }
            acc.addUnit(counts);
        }
        return acc.alpha();
    }

    /**
     * Alpha over a reliability data matrix of any nominal categories: {@code data[coder][unit]} is a category
     * number from 0, or -1 where that coder gave no value.
     *
     * @throws UndefinedMetricException when no unit has two values, or all values are one category
     */
    public static double nominal(int[][] data) {
        if (data.length == 0) {
            throw new UndefinedMetricException("Krippendorff's alpha: no coders");
        }
        int units = data[0].length;
        int categories = 0;
        for (int[] coder : data) {
            if (coder.length != units) {
                throw new IllegalArgumentException("every coder needs a value (or -1) for each of " + units + " units");
            }
            for (int v : coder) {
                if (v < -1) {
                    throw new IllegalArgumentException("categories are numbered from 0 (-1 = missing), got " + v);
                }
                categories = Math.max(categories, v + 1);
            }
        }
        Accumulator acc = new Accumulator(Math.max(categories, 1), data.length);
        int[] counts = new int[Math.max(categories, 1)];
        for (int u = 0; u < units; u++) {
            java.util.Arrays.fill(counts, 0);
            for (int[] coder : data) {
                if (coder[u] >= 0) {
                    counts[coder[u]]++;
                }
            }
            acc.addUnit(counts);
        }
        return acc.alpha();
    }

    /**
     * Sums coincidences unit by unit. Kept as integer sums per unit size, so the result does not depend on the
     * order units were added in (several threads may each add some and be merged).
     */
    static final class Accumulator {
        private final int k;
        /** bySize[m][c*k + d] = sum over units with m values of n_c * n_d (c != d) or n_c * (n_c - 1) (c == d). */
        private final long[][] bySize;
        private long pairableUnits;

        Accumulator(int categories, int maxValuesPerUnit) {
            this.k = categories;
            this.bySize = new long[maxValuesPerUnit + 1][categories * categories];
        }

        void addUnit(int[] counts) {
            int m = 0;
            for (int i = 0; i < k; i++) {
                m += counts[i];
            }
            if (m < 2) {
                return;
            }
            long[] s = bySize[m];
            for (int c = 0; c < k; c++) {
                int nc = counts[c];
                if (nc == 0) {
                    continue;
                }
                for (int d = 0; d < k; d++) {
                    s[c * k + d] += c == d ? (long) nc * (nc - 1) : (long) nc * counts[d];
                }
            }
            pairableUnits++;
        }

        /** The three-category case of {@link #addUnit(int[])} (an accumulator made for 3 categories), without its loops. */
        void addUnit(int a, int b, int tie) {
            int m = a + b + tie;
            if (m < 2) {
                return;
            }
            long[] s = bySize[m];
            s[0] += (long) a * (a - 1);
            s[1] += (long) a * b;
            s[2] += (long) a * tie;
            s[3] += (long) b * a;
            s[4] += (long) b * (b - 1);
            s[5] += (long) b * tie;
            s[6] += (long) tie * a;
            s[7] += (long) tie * b;
            s[8] += (long) tie * (tie - 1);
            pairableUnits++;
        }

        void merge(Accumulator other) {
            for (int m = 0; m < bySize.length; m++) {
                for (int i = 0; i < bySize[m].length; i++) {
                    bySize[m][i] += other.bySize[m][i];
                }
            }
            pairableUnits += other.pairableUnits;
        }

        long pairableUnits() {
            return pairableUnits;
        }

        double alpha() {
            double[] o = new double[k * k];
            for (int m = 2; m < bySize.length; m++) {
                for (int i = 0; i < o.length; i++) {
                    o[i] += bySize[m][i] / (double) (m - 1);
                }
            }
            double[] nc = new double[k];
            double n = 0;
            double disagreeing = 0;
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    nc[c] += o[c * k + d];
                    if (c != d) {
                        disagreeing += o[c * k + d];
                    }
                }
                n += nc[c];
            }
            if (pairableUnits == 0) {
                throw new UndefinedMetricException("Krippendorff's alpha: no pair has verdicts from two labelers");
            }
            double expected = 0;
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    if (c != d) {
                        expected += nc[c] * nc[d];
                    }
                }
            }
            if (expected == 0) {
                throw new UndefinedMetricException("Krippendorff's alpha is undefined: every verdict is the same answer");
            }
            return 1 - (n - 1) * disagreeing / expected;
        }
    }
}
