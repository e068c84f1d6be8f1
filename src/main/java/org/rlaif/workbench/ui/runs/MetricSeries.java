package org.rlaif.workbench.ui.runs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One metric of one run: every value it reported, and the line drawn for it. The line is the values smoothed
 * (an exponential moving average with TensorBoard's start-up correction), optionally on a log scale, and decimated
 * to at most {@code maxPoints}: consecutive values are averaged in buckets of a power of two, doubled whenever the
 * line would grow past the limit. So a new value changes only the end of the line (the last, partial bucket and
 * any after it), and a line of a million values costs the chart no more than one of a few hundred.
 */
final class MetricSeries {
    /** Where the line changed: keep its first {@code from} points, then put {@code points} (replacing the rest). */
    record Change(SeriesKey key, int from, List<double[]> points) {
    }

    private final SeriesKey key;
    private long[] steps = new long[64];
    private double[] values = new double[64];
    private double[] smoothed = new double[64];
    private int size;
    private int smoothedSize;
    private double emaLast;
    private int emaCount;
    private int bucket = 1;
    private int doneBuckets;
    private int doneBucketPoints;
    private int shownPoints;
    private boolean dirty = true;

    MetricSeries(SeriesKey key) {
        this.key = key;
    }

    SeriesKey key() {
        return key;
    }

    int size() {
        return size;
    }

    long step(int i) {
        return steps[i];
    }

    double value(int i) {
        return values[i];
    }

    /** The smoothed value at {@code i}; valid after {@link #smooth} or a {@link #flush}. */
    double smoothed(int i) {
        return smoothed[i];
    }

    boolean isDirty() {
        return dirty;
    }

    void append(long step, double value) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
            smoothed = Arrays.copyOf(smoothed, size * 2);
        }
        steps[size] = step;
        values[size] = value;
        size++;
        dirty = true;
    }

    /** Forgets the drawn line (smoothing or scale changed): the next flush draws it all again. */
    void redraw() {
        smoothedSize = 0;
        emaLast = 0;
        emaCount = 0;
        bucket = 1;
        doneBuckets = 0;
        doneBucketPoints = 0;
        dirty = true;
    }

    /**
     * What changed in the line since the last flush, or null if nothing did.
     *
     * @param weight    smoothing, 0 (none) to below 1
     * @param log       draw log10 of the values (values at or below zero are left out)
     * @param maxPoints the most points the line may have
     */
    Change flush(double weight, boolean log, int maxPoints) {
        if (!dirty) {
            return null;
        }
        dirty = false;
        smooth(weight);
        int from = doneBucketPoints;
        if (ceilDiv(size, bucket) > maxPoints) {
            while (ceilDiv(size, bucket) > maxPoints) {
                bucket *= 2;
            }
            doneBuckets = 0;
            doneBucketPoints = 0;
            from = 0;
        }
        List<double[]> points = new ArrayList<>();
        int complete = size / bucket;
        for (int b = doneBuckets; b < complete; b++) {
            addBucket(points, b * bucket, (b + 1) * bucket, log);
        }
        doneBuckets = complete;
        doneBucketPoints = from + points.size();
        if (size % bucket != 0) {
            addBucket(points, complete * bucket, size, log);
        }
        shownPoints = from + points.size();
        return new Change(key, from, points);
    }

    /** Points now on the line (after the last flush). */
    int shownPoints() {
        return shownPoints;
    }

    /** Brings the smoothed values up to the last value (with the weight the line was last drawn with). */
    void smooth(double weight) {
        for (int i = smoothedSize; i < size; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                emaLast = emaLast * weight + (1 - weight) * v;
                emaCount++;
                smoothed[i] = weight == 0 ? v : emaLast / (1 - Math.pow(weight, emaCount));
            } else {
                smoothed[i] = v;
            }
        }
        smoothedSize = size;
    }

    /** Adds the mean of {@code [lo, hi)} as one point, unless none of its values can be drawn. */
    private void addBucket(List<double[]> out, int lo, int hi, boolean log) {
        double x = 0;
        double y = 0;
        int n = 0;
        for (int i = lo; i < hi; i++) {
            double v = smoothed[i];
            if (log) {
                v = v > 0 ? Math.log10(v) : Double.NaN;
            }
            if (Double.isFinite(v)) {
                x += steps[i];
                y += v;
                n++;
            }
        }
        if (n > 0) {
            out.add(new double[] {x / n, y / n});
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
