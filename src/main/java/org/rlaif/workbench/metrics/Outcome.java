package org.rlaif.workbench.metrics;

/** What a pair contributed to an agreement figure: which pairs are "behind a bar". */
public enum Outcome {
    /** Both sides gave the same verdict (full credit). */
    AGREE,
    /** One side said TIE, the other A or B (half credit, or left out when ties are excluded). */
    PARTIAL,
    /** One said A, the other B. */
    DISAGREE,
    /** Every pair both sides labeled. */
    COMPARED;

    boolean matches(byte first, byte second) {
        if (first == LabelCodes.NONE || second == LabelCodes.NONE) {
            return false;
        }
        return switch (this) {
            case AGREE -> first == second;
            case PARTIAL -> first != second && (first == LabelCodes.TIE || second == LabelCodes.TIE);
            case DISAGREE -> first != second && first != LabelCodes.TIE && second != LabelCodes.TIE;
            case COMPARED -> true;
        };
    }
}
