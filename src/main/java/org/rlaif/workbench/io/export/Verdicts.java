package org.rlaif.workbench.io.export;

import java.util.Collection;
import org.rlaif.workbench.domain.Choice;

/** Turning several votes into one verdict. */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * The most common choice among {@code votes}; null when there are none. A split vote between A and B, or a
     * tie vote winning, is a TIE: an export must never invent a preference that the votes do not carry.
     */
    static Choice majority(Collection<Choice> votes) {
        int a = 0;
        int b = 0;
        int tie = 0;
        for (Choice c : votes) {
            switch (c) {
                case A -> a++;
                case B -> b++;
                case TIE -> tie++;
            }
        }
        if (a + b + tie == 0) {
            return null;
        }
        if (a > b && a > tie) {
            return Choice.A;
        }
        if (b > a && b > tie) {
            return Choice.B;
        }
        return Choice.TIE;
    }
}
