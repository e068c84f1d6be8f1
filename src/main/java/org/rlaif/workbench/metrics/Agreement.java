package org.rlaif.workbench.metrics;

import java.util.Objects;

/**
 * How one side's verdicts agree with another's (a labeler with the reference, or two labelers).
 *
 * @param confusion  rows: this side's verdict, columns: the other side's (A, B, TIE); every pair both labeled
 * @param ties       how ties were counted
 * @param value      agreement in [0,1]; null when no pair counts under {@code ties}
 * @param ci95       bootstrap 95% interval of {@code value}; null when not computed or not defined
 * @param cohenKappa Cohen's kappa over the same pairs; null when undefined (e.g. one answer on both sides)
 */
public record Agreement(ConfusionMatrix confusion, TiePolicy ties, Double value, Interval ci95, Double cohenKappa) {

    public Agreement {
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(ties, "ties");
    }

    /** Computes agreement, its interval ({@code resamples} = 0: none) and kappa from a confusion matrix. */
    public static Agreement of(ConfusionMatrix confusion, TiePolicy ties, int resamples, long seed) {
        if (confusion.used(ties) == 0) {
            return new Agreement(confusion, ties, null, null, null);
        }
        double value = confusion.agreement(ties);
        Interval ci = resamples > 0 ? Bootstrap.agreementInterval(confusion.outcomes(ties), resamples, seed) : null;
        Double kappa;
        try {
            kappa = confusion.cohenKappa(ties);
        } catch (UndefinedMetricException e) {
            kappa = null;
        }
        return new Agreement(confusion, ties, value, ci, kappa);
    }

    /** Pairs both sides labeled. */
    public long compared() {
        return confusion.total();
    }

    /** Pairs the agreement is over (fewer than {@link #compared} when ties are excluded). */
    public long used() {
        return confusion.used(ties);
    }
}
