package org.rlaif.workbench.metrics;

import java.util.SplittableRandom;

/**
 * Exact binomial random variates in constant expected time, so a bootstrap can resample the counts of a
 * contingency table (a multinomial draw) instead of a million pairs.
 *
 * <p>Large means use Hörmann's BTRS ("The generation of binomial random variates", 1993: transformed rejection
 * with a squeeze, the method TensorFlow uses); small means (n·p &lt; 10) use sequential inversion.
 */
final class BinomialSampler {
    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    static {
        for (int k = 1; k < TABLE; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private BinomialSampler() {
    }

    /** One draw of Binomial(n, p). */
    static long sample(SplittableRandom rng, long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - sample(rng, n, 1 - p);
        }
        return n * p < 10 ? inversion(rng, n, p) : btrs(rng, n, p);
    }

    /**
     * A multinomial draw of {@code n} items over categories with weights {@code weights} (any non-negative scale),
     * as a chain of conditional binomials.
     */
    static void multinomial(SplittableRandom rng, long n, double[] weights, long[] out) {
        double rest = 0;
        for (double w : weights) {
            rest += w;
        }
        long left = n;
        for (int i = 0; i < weights.length - 1; i++) {
            long x = rest <= 0 ? 0 : sample(rng, left, Math.min(1, weights[i] / rest));
            out[i] = x;
            left -= x;
            rest -= weights[i];
        }
        out[weights.length - 1] = left;
    }

    private static long inversion(SplittableRandom rng, long n, double p) {
        double q = 1 - p;
        double s = p / q;
        double a = (n + 1) * s;
        double r = Math.pow(q, n);
        double u = rng.nextDouble();
        long x = 0;
        while (u > r) {
            u -= r;
            x++;
            if (x > n) {
                // rounding left u a hair above the total mass; start over rather than return an impossible count
                return inversion(rng, n, p);
            }
            r *= a / x - s;
        }
        return x;
    }

    private static long btrs(SplittableRandom rng, long n, double p) {
        double spq = Math.sqrt(n * p * (1 - p));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.log(p / (1 - p));
        long m = (long) Math.floor((n + 1) * p);
        double h = logFactorial(m) + logFactorial(n - m);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            v = Math.log(v * alpha / (a / (us * us) + b));
            double bound = h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq;
            if (v <= bound) {
                return k;
            }
        }
    }

    /** log(k!) : a table below 256, Stirling's series (error below 1e-16 relative) above. */
    static double logFactorial(long k) {
        if (k < TABLE) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k + 1.0;
        double inv = 1 / x;
        double inv2 = inv * inv;
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }
}
