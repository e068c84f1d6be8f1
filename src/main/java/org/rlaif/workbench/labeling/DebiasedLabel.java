package org.rlaif.workbench.labeling;

import java.time.Instant;
import java.util.Locale;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.OrderShown;

/**
 * Position debiasing (Lee et al. 2023, section 3.1.2): the preference distributions of the two orders are averaged.
 * The result is stored as a third label of the same sample with no order shown ({@code order_shown} NULL: it was not
 * shown in any one order); the two asked labels stay, with their orders, for the position-bias metrics. See
 * docs/decisions/0009-debiased-label-rows.md.
 */
public final class DebiasedLabel {
    private static final double EPS = 1e-9;

    private DebiasedLabel() {
    }

    /** The combined label of two verdicts on one pair and sample, shown AB and BA. */
    public static Label combine(Label shownAb, Label shownBa) {
        if (!shownAb.isVerdict() || !shownBa.isVerdict()) {
            throw new IllegalArgumentException("only two verdicts can be combined");
        }
        if (shownAb.orderShown() != OrderShown.AB || shownBa.orderShown() != OrderShown.BA
                || shownAb.comparisonId() != shownBa.comparisonId() || shownAb.labelerId() != shownBa.labelerId()
                || shownAb.sampleIndex() != shownBa.sampleIndex()) {
            throw new IllegalArgumentException("the two labels must be one sample of one pair, shown AB and BA");
        }
        double pAb = probabilityA(shownAb);
        double pBa = probabilityA(shownBa);
        double mean = (pAb + pBa) / 2;
        Choice choice = Math.abs(mean - 0.5) < EPS ? Choice.TIE : mean > 0.5 ? Choice.A : Choice.B;
        String why = String.format(Locale.ROOT, "position-debiased: mean of P(A) %.4f (shown AB, label #%d) and %.4f"
                + " (shown BA, label #%d)", pAb, shownAb.id(), pBa, shownBa.id());
        return new Label(0, shownAb.comparisonId(), shownAb.labelerId(), shownAb.sampleIndex(), LabelStatus.OK, choice,
                Math.min(1, Math.max(0, mean)), why, null, Instant.now(), null, null, null);
    }

    private static double probabilityA(Label l) {
        if (l.probabilityA() != null) {
            return l.probabilityA();
        }
        return switch (l.choice()) {
            case A -> 1.0;
            case B -> 0.0;
            case TIE -> 0.5;
        };
    }
}
