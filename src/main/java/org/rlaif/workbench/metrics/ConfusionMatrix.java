package org.rlaif.workbench.metrics;

import java.util.Arrays;

/**
 * Counts of (first verdict, second verdict) over the pairs both gave one: rows are the first side (the labeler),
 * columns the second (the reference or the other labeler), in the order A, B, TIE. Agreement and Cohen's kappa
 * depend on nothing else, which is what lets the bootstrap resample counts instead of pairs.
 */
public final class ConfusionMatrix {
    static final int K = 3;
    private final long[] counts;

    private ConfusionMatrix(long[] counts) {
        this.counts = counts;
    }

    /** From nine counts in row-major order (row = first side's choice, column = second side's). */
    public static ConfusionMatrix of(long... counts) {
        if (counts.length != K * K) {
            throw new IllegalArgumentException("a confusion matrix has 9 cells, got " + counts.length);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must be >= 0, got " + c);
            }
        }
        return new ConfusionMatrix(counts.clone());
    }

    /**
     * Tallies two verdict arrays position by position; positions where either side has no verdict
     * ({@link LabelCodes#NONE}) are skipped.
     */
    public static ConfusionMatrix of(byte[] first, byte[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("verdict arrays differ in length: " + first.length + " vs " + second.length);
        }
        long[] c = new long[K * K];
        for (int i = 0; i < first.length; i++) {
            LabelCodes.requireChoice(first[i], "first[" + i + "]");
            LabelCodes.requireChoice(second[i], "second[" + i + "]");
            if (first[i] != LabelCodes.NONE && second[i] != LabelCodes.NONE) {
                c[first[i] * K + second[i]]++;
            }
        }
        return new ConfusionMatrix(c);
    }

    /** Wraps counts the caller will not change again (the report's own tallies). */
    static ConfusionMatrix wrap(long[] counts) {
        return new ConfusionMatrix(counts);
    }

    public long count(int firstChoice, int secondChoice) {
        return counts[firstChoice * K + secondChoice];
    }

    /** Pairs both sides labeled, ties included. */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public long rowTotal(int firstChoice) {
        return counts[firstChoice * K] + counts[firstChoice * K + 1] + counts[firstChoice * K + 2];
    }

    public long columnTotal(int secondChoice) {
        return counts[secondChoice] + counts[K + secondChoice] + counts[2 * K + secondChoice];
    }

    /** The nine counts, row-major (a copy). */
    public long[] toArray() {
        return counts.clone();
    }

    /** The first side's choices as the rows, the second's as the columns swapped: the same table seen from the other side. */
    public ConfusionMatrix transposed() {
        long[] t = new long[K * K];
        for (int r = 0; r < K; r++) {
            for (int c = 0; c < K; c++) {
                t[c * K + r] = counts[r * K + c];
            }
        }
        return new ConfusionMatrix(t);
    }

    ConfusionMatrix plus(ConfusionMatrix other) {
        long[] s = counts.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += other.counts[i];
        }
        return new ConfusionMatrix(s);
    }

    /**
     * The pairs agreement counts under {@code ties}, split by the credit each earns: {@code [full, half, none]}.
     * Under {@link TiePolicy#EXCLUDE} the half-credit count is always 0 and pairs with a tie are not counted.
     */
    public long[] outcomes(TiePolicy ties) {
        long aa = counts[0], ab = counts[1], at = counts[2];
        long ba = counts[3], bb = counts[4], bt = counts[5];
        long ta = counts[6], tb = counts[7], tt = counts[8];
        return switch (ties) {
            case HALF -> new long[] {aa + bb + tt, at + bt + ta + tb, ab + ba};
            case EXCLUDE -> new long[] {aa + bb, 0, ab + ba};
        };
    }

    /** The pairs agreement is computed over under {@code ties}. */
    public long used(TiePolicy ties) {
        long[] o = outcomes(ties);
        return o[0] + o[1] + o[2];
    }

    /** Share of pairs where the two sides agree, ties counted as {@code ties} says; in [0,1]. */
    public double agreement(TiePolicy ties) {
        long[] o = outcomes(ties);
        long n = o[0] + o[1] + o[2];
        if (n == 0) {
            throw new UndefinedMetricException(ties == TiePolicy.EXCLUDE && total() > 0
                    ? "agreement: every pair both sides labeled has a tie, and ties are excluded"
                    : "agreement: no pair was labeled by both sides");
        }
        return (o[0] + 0.5 * o[1]) / n;
    }

    /**
     * Cohen's kappa over the same pairs as {@link #agreement}: categories A, B, TIE under {@link TiePolicy#HALF},
     * A and B under {@link TiePolicy#EXCLUDE}. Computed as scikit-learn's {@code cohen_kappa_score} does.
     *
     * @throws UndefinedMetricException with no pairs, or when chance agreement is 1 (both sides gave one and the
     *                                  same answer throughout)
     */
    public double cohenKappa(TiePolicy ties) {
        int k = ties == TiePolicy.HALF ? K : 2;
        double n = 0;
        double[] rows = new double[k];
        double[] cols = new double[k];
        double observedOff = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                double v = counts[r * K + c];
                n += v;
                rows[r] += v;
                cols[c] += v;
                if (r != c) {
                    observedOff += v;
                }
            }
        }
        if (n == 0) {
            throw new UndefinedMetricException("Cohen's kappa: no pair was labeled by both sides"
                    + (ties == TiePolicy.EXCLUDE ? " without a tie" : ""));
        }
        double expectedOff = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                if (r != c) {
                    expectedOff += rows[r] * cols[c] / n;
                }
            }
        }
        if (expectedOff == 0) {
            throw new UndefinedMetricException("Cohen's kappa is undefined: both sides gave one and the same answer on"
                    + " every pair, so chance agreement is 1");
        }
        return 1 - observedOff / expectedOff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.toString(counts);
    }
}
