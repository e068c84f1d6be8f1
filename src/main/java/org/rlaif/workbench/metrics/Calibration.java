package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a labeler's stated P(A) matches how often A is the reference's choice: equal-width reliability bins over
 * [0,1] and the expected calibration error {@code ECE = sum_b (n_b / N) |observed_b - predicted_b|}. Pairs the
 * reference calls a tie are left out (the event "A is better" is not defined for them).
 *
 * @param bins reliability bins, lowest first; empty bins are kept (count 0) so a chart has a fixed x axis
 * @param ece  expected calibration error in [0,1]
 * @param n    pairs with a P(A) and a decisive reference
 */
public record Calibration(List<ReliabilityBin> bins, double ece, long n) {
    public static final int DEFAULT_BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * One bin of the reliability diagram.
     *
     * @param meanPredicted     mean P(A) of the pairs in the bin, null when empty
     * @param observedFrequency share of them where the reference chose A, null when empty
     */
    public record ReliabilityBin(double lo, double hi, long count, Double meanPredicted, Double observedFrequency) {
    }

    /**
     * Calibration of probabilities {@code p} (P(A) per pair) against outcomes {@code aWon} (1 when the reference chose
     * A, 0 when it chose B).
     *
     * @throws UndefinedMetricException with no pairs
     */
    public static Calibration of(double[] p, byte[] aWon, int binCount) {
        if (p.length != aWon.length) {
            throw new IllegalArgumentException("probabilities and outcomes differ in length");
        }
        Accumulator acc = new Accumulator(binCount);
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("P(A) must be in [0,1], got " + p[i] + " at " + i);
            }
            if (aWon[i] != 0 && aWon[i] != 1) {
                throw new IllegalArgumentException("outcome must be 0 or 1, got " + aWon[i] + " at " + i);
            }
            acc.add(p[i], aWon[i] == 1);
        }
        return acc.result();
    }

    static int binOf(double p, int binCount) {
        return Math.min((int) (p * binCount), binCount - 1);
    }

    /** Per-bin sums; mergeable across threads. */
    static final class Accumulator {
        private final long[] count;
        private final double[] sumP;
        private final long[] aWins;

        Accumulator(int binCount) {
            if (binCount < 1) {
                throw new IllegalArgumentException("need at least one calibration bin, got " + binCount);
            }
            count = new long[binCount];
            sumP = new double[binCount];
            aWins = new long[binCount];
        }

        void add(double p, boolean aWon) {
            int b = binOf(p, count.length);
            count[b]++;
            sumP[b] += p;
            if (aWon) {
                aWins[b]++;
            }
        }

        void merge(Accumulator o) {
            for (int b = 0; b < count.length; b++) {
                count[b] += o.count[b];
                sumP[b] += o.sumP[b];
                aWins[b] += o.aWins[b];
            }
        }

        long n() {
            long n = 0;
            for (long c : count) {
                n += c;
            }
            return n;
        }

        Calibration result() {
            long n = n();
            if (n == 0) {
                throw new UndefinedMetricException("calibration: no pair has both a P(A) and a decisive reference");
            }
            int k = count.length;
            List<ReliabilityBin> bins = new ArrayList<>(k);
            double ece = 0;
            for (int b = 0; b < k; b++) {
                double lo = (double) b / k;
                double hi = (double) (b + 1) / k;
                if (count[b] == 0) {
                    bins.add(new ReliabilityBin(lo, hi, 0, null, null));
                    continue;
                }
                double predicted = sumP[b] / count[b];
                double observed = (double) aWins[b] / count[b];
                bins.add(new ReliabilityBin(lo, hi, count[b], predicted, observed));
                ece += (double) count[b] / n * Math.abs(observed - predicted);
            }
            return new Calibration(bins, ece, n);
        }
    }
}
