package org.rlaif.workbench.metrics;

import java.util.Objects;

/**
 * How an {@link AlignmentReport} is computed.
 *
 * @param reference       what labelers are compared with
 * @param ties            how ties count towards agreement
 * @param resamples       bootstrap resamples for the 95% intervals (0: no intervals)
 * @param seed            bootstrap seed; the same seed gives the same intervals
 * @param calibrationBins equal-width reliability bins over [0,1]
 * @param lengthMargin    prefer_longer only counts pairs whose responses differ by more than this many characters
 */
public record ReportOptions(Reference reference, TiePolicy ties, int resamples, long seed, int calibrationBins,
                            int lengthMargin) {
    public static final int DEFAULT_LENGTH_MARGIN = 30;

    public ReportOptions {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(ties, "ties");
        if (resamples != 0 && resamples < 2) {
            throw new IllegalArgumentException("bootstrap resamples must be 0 (none) or at least 2, got " + resamples);
        }
        if (calibrationBins < 1) {
            throw new IllegalArgumentException("need at least one calibration bin, got " + calibrationBins);
        }
        if (lengthMargin < 0) {
            throw new IllegalArgumentException("length margin must be >= 0, got " + lengthMargin);
        }
    }

    /** Human majority, ties half, 1,000 resamples, the default seed, 10 bins, 30 characters. */
    public static ReportOptions defaults() {
        return new ReportOptions(Reference.humans(), TiePolicy.HALF, Bootstrap.DEFAULT_RESAMPLES,
                Bootstrap.DEFAULT_SEED, Calibration.DEFAULT_BINS, DEFAULT_LENGTH_MARGIN);
    }

    public ReportOptions withReference(Reference r) {
        return new ReportOptions(r, ties, resamples, seed, calibrationBins, lengthMargin);
    }

    public ReportOptions withTies(TiePolicy t) {
        return new ReportOptions(reference, t, resamples, seed, calibrationBins, lengthMargin);
    }

    public ReportOptions withResamples(int r) {
        return new ReportOptions(reference, ties, r, seed, calibrationBins, lengthMargin);
    }

    public ReportOptions withSeed(long s) {
        return new ReportOptions(reference, ties, resamples, s, calibrationBins, lengthMargin);
    }
}
