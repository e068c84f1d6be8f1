package org.rlaif.workbench.metrics;

import java.util.List;

/**
 * Agreement against labeler size: the least-squares line {@code agreement = intercept + slope * log10(params)}
 * through the labelers whose parameter count is known, the curve of the RLAIF paper (Lee et al. 2023, fig. 5).
 *
 * @param points     the labelers, in the order given
 * @param slope      change in agreement per tenfold increase in parameters
 * @param slopeCi95  95% interval of the slope (Student's t with n-2 degrees of freedom); null with fewer than 3 points
 * @param r2         coefficient of determination; null when every point has the same agreement
 */
public record ScalingFit(List<Point> points, double slope, double intercept, Interval slopeCi95, Double r2) {

    public ScalingFit {
        points = List.copyOf(points);
    }

    /** One labeler on the chart. */
    public record Point(String name, double params, double agreement) {
        public Point {
            if (!(params > 0)) {
                throw new IllegalArgumentException(name + ": parameter count must be positive");
            }
        }

        public double log10Params() {
            return Math.log10(params);
        }
    }

    /**
     * Fits the line.
     *
     * @throws UndefinedMetricException with fewer than two points, or when all have the same size
     */
    public static ScalingFit fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            throw new UndefinedMetricException("scaling: " + n + " labeler" + (n == 1 ? "" : "s")
                    + " with a known size and an agreement; a fit needs two");
        }
        double mx = 0;
        double my = 0;
        for (Point p : points) {
            mx += p.log10Params();
            my += p.agreement();
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            double dx = p.log10Params() - mx;
            double dy = p.agreement() - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new UndefinedMetricException("scaling fit: every labeler has the same parameter count");
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = Math.max(0, syy - slope * sxy);
        Interval ci = null;
        if (n >= 3) {
            double se = Math.sqrt(sse / (n - 2) / sxx);
            double t = StudentT.quantile(0.975, n - 2);
            ci = new Interval(slope - t * se, slope + t * se);
        }
        Double r2 = syy == 0 ? null : 1 - sse / syy;
        return new ScalingFit(points, slope, intercept, ci, r2);
    }
}
