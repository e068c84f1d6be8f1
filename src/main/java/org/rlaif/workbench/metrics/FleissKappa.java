package org.rlaif.workbench.metrics;

/**
 * Fleiss' kappa: agreement of a fixed number of raters per unit beyond chance (Fleiss, 1971). It needs the same
 * raters on every unit, so over a set of labelers it is computed on the pairs that all of them labeled.
 */
public final class FleissKappa {
    private FleissKappa() {
    }

    /**
     * Kappa from a units-by-categories table of counts ({@code counts[unit][category]} raters put the unit in the
     * category); every row must sum to the same number of raters, at least 2 (statsmodels' {@code fleiss_kappa}
     * input).
     *
     * @throws UndefinedMetricException with no units, or when every rating is one category
     */
    public static double of(int[][] counts) {
        if (counts.length == 0) {
            throw new UndefinedMetricException("Fleiss' kappa: no units");
        }
        int k = counts[0].length;
        Accumulator acc = null;
        for (int[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("every unit needs a count for each of " + k + " categories");
            }
            int m = 0;
            for (int c : row) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts must be >= 0");
                }
                m += c;
            }
            if (acc == null) {
                if (m < 2) {
                    throw new UndefinedMetricException("Fleiss' kappa needs at least 2 raters per unit, got " + m);
                }
                acc = new Accumulator(k, m);
            } else if (m != acc.raters) {
                throw new IllegalArgumentException("Fleiss' kappa needs the same number of raters on every unit ("
                        + acc.raters + " then " + m + ")");
            }
            acc.addUnit(row);
        }
        return acc.kappa();
    }

    /** Exact integer sums, so the result does not depend on the order units arrive in. */
    static final class Accumulator {
        private final int raters;
        private final long[] categoryTotals;
        private long units;
        private long sumSquares;

        Accumulator(int categories, int raters) {
            this.raters = raters;
            this.categoryTotals = new long[categories];
        }

        /** Adds a unit rated by exactly {@code raters} raters. */
        void addUnit(int[] counts) {
            for (int c = 0; c < categoryTotals.length; c++) {
                categoryTotals[c] += counts[c];
                sumSquares += (long) counts[c] * counts[c];
            }
            units++;
        }

        /** The three-category case of {@link #addUnit(int[])}, without its loop (the report's hot path). */
        void addUnit(int a, int b, int tie) {
            categoryTotals[0] += a;
            categoryTotals[1] += b;
            categoryTotals[2] += tie;
            sumSquares += (long) a * a + (long) b * b + (long) tie * tie;
            units++;
        }

        void merge(Accumulator other) {
            for (int c = 0; c < categoryTotals.length; c++) {
                categoryTotals[c] += other.categoryTotals[c];
            }
            units += other.units;
            sumSquares += other.sumSquares;
        }

        long units() {
            return units;
        }

        double kappa() {
            if (units == 0) {
                throw new UndefinedMetricException("Fleiss' kappa: no pair was labeled by every labeler of the set");
            }
            double m = raters;
            double observed = (sumSquares - units * m) / (units * m * (m - 1));
            double chance = 0;
            for (long t : categoryTotals) {
                double p = t / (units * m);
                chance += p * p;
            }
            if (chance >= 1) {
                throw new UndefinedMetricException("Fleiss' kappa is undefined: every rating is the same answer");
            }
            return (observed - chance) / (1 - chance);
        }
    }
}
