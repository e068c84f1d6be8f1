package org.rlaif.workbench.metrics;

/**
 * A statistic that this input cannot define: no pairs at all, one category only (chance agreement of 1), fewer
 * than two points for a slope. Thrown instead of returning NaN; the message says what is missing.
 */
public final class UndefinedMetricException extends IllegalArgumentException {
    public UndefinedMetricException(String message) {
        super(message);
    }
}
