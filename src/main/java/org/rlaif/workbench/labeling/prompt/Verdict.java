package org.rlaif.workbench.labeling.prompt;

/** A judge's answer in the terms it was shown: the first response, the second, or neither. */
public enum Verdict {
    FIRST, SECOND, TIE;

    /** The verdict as a preference, when the judge was asked for the worse response: first worse = second preferred. */
    public Verdict inverted() {
        return switch (this) {
            case FIRST -> SECOND;
            case SECOND -> FIRST;
            case TIE -> TIE;
        };
    }
}
