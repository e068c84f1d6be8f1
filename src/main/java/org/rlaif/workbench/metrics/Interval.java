package org.rlaif.workbench.metrics;

/** A two-sided interval, e.g. a 95% confidence interval; {@code lo <= hi}. */
public record Interval(double lo, double hi) {
    public Interval {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval bounds out of order or not numbers: [" + lo + ", " + hi + "]");
        }
    }

    public boolean contains(double x) {
        return x >= lo && x <= hi;
    }
}
