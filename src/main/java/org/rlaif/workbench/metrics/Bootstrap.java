package org.rlaif.workbench.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap for statistics of a discrete table.
 *
 * <p>Resampling n pairs with replacement and re-tallying them gives the same distribution of tables as one
 * multinomial draw of n over the table's cells, weighted by their counts. So a 1,000-resample interval for an
 * agreement over a million pairs costs 1,000 small multinomial draws, not a billion pair lookups.
 */
public final class Bootstrap {
    /** The default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;
    /** The default seed: fixed, so a report is the same every time it is computed. */
    public static final long DEFAULT_SEED = 20231201L;

    private Bootstrap() {
    }

    /**
     * The percentile interval of the mean of a discrete variable that takes {@code values[i]} on {@code counts[i]}
     * items, e.g. agreement credits {1, 1/2, 0} with their pair counts.
     *
     * @param level confidence level in (0,1), e.g. 0.95
     * @throws UndefinedMetricException when there are no items
     */
    public static Interval meanInterval(long[] counts, double[] values, int resamples, long seed, double level) {
        if (counts.length != values.length || counts.length == 0) {
            throw new IllegalArgumentException("counts and values must be non-empty and of equal length");
        }
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0,1), got " + level);
        }
        long n = 0;
        double[] weights = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts must be >= 0");
            }
            n += counts[i];
            weights[i] = counts[i];
        }
        if (n == 0) {
            throw new UndefinedMetricException("bootstrap: no items to resample");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        long[] draw = new long[counts.length];
        for (int r = 0; r < resamples; r++) {
            BinomialSampler.multinomial(rng, n, weights, draw);
            double sum = 0;
            for (int i = 0; i < draw.length; i++) {
                sum += draw[i] * values[i];
            }
            stats[r] = sum / n;
        }
        Arrays.sort(stats);
        double tail = (1 - level) / 2;
        return new Interval(quantile(stats, tail), quantile(stats, 1 - tail));
    }

    /** The agreement interval for outcome counts {@code [full, half, none]} ({@link ConfusionMatrix#outcomes}). */
    public static Interval agreementInterval(long[] outcomes, int resamples, long seed) {
        return meanInterval(outcomes, new double[] {1, 0.5, 0}, resamples, seed, 0.95);
    }

    /** The q-quantile of sorted values with linear interpolation (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** A seed for one statistic of a report, derived from the report's seed so each is independent of the others. */
    static long derive(long seed, int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
