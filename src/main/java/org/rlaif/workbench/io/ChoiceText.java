package org.rlaif.workbench.io;

import java.util.Locale;
import org.rlaif.workbench.domain.Choice;

/**
 * A preference written as text in a CSV or generic JSON file: A, B or tie in their common spellings. Numbers
 * follow the 1 = first, 2 = second, 0 = tie convention (AlpacaEval, PandaLM); 1.5 is AlpacaEval's tie.
 */
public final class ChoiceText {
    private ChoiceText() {
    }

    /** The choice, or null for an empty value (an unlabeled pair); an unknown spelling is an error. */
    public static Choice parse(String text) throws RecordException {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "" -> null;
            case "a", "1", "1.0", "first", "response_a", "response a", "model_a", "output_1", "left" -> Choice.A;
            case "b", "2", "2.0", "second", "response_b", "response b", "model_b", "output_2", "right" -> Choice.B;
            case "tie", "0", "0.0", "1.5", "draw", "equal", "same", "both", "tie (bothbad)", "neither" -> Choice.TIE;
            default -> throw new RecordException("choice '" + JsonFields.abbreviate(text)
                    + "' is not one of A, B, tie (or 1, 2, 0)");
        };
    }

    /** The choice P(A) implies: the likelier side, a tie at exactly one half. */
    public static Choice fromProbability(double pA) {
        return pA > 0.5 ? Choice.A : pA < 0.5 ? Choice.B : Choice.TIE;
    }
}
