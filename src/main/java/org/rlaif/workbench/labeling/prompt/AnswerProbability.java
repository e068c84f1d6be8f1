package org.rlaif.workbench.labeling.prompt;

import java.util.List;
import java.util.regex.Pattern;
import org.rlaif.workbench.labeling.client.TokenLogprob;

/**
 * The probability of the answer "1" against "2", from the log-probabilities of the answer token: the RLAIF paper's
 * soft label, {@code P("1") / (P("1") + P("2"))} at the position where the judge wrote its verdict.
 */
public final class AnswerProbability {
    private static final Pattern DECORATION = Pattern.compile("^[*\"'(\\[]+|[*\"')\\].,]+$");

    private AnswerProbability() {
    }

    /**
     * P(the judge's answer is "1"), or null when the log-probabilities do not say: none were returned, the answer
     * token is not where the parsed verdict is, or neither "1" nor "2" is among the alternatives.
     *
     * @param parsed the verdict read from the answer text; the token must agree with it
     */
    public static Double ofFirst(List<TokenLogprob> tokens, Verdict parsed) {
        if (tokens.isEmpty() || parsed == null || parsed == Verdict.TIE) {
            return null;
        }
        for (TokenLogprob t : tokens) {
            String digit = normalized(t.token());
            if (!digit.equals("1") && !digit.equals("2")) {
                continue;
            }
            if ((parsed == Verdict.FIRST) != digit.equals("1")) {
                return null; // the first digit the model wrote is not the verdict we read: do not guess which counts
            }
            return fromAlternatives(t, digit);
        }
        return null;
    }

    private static Double fromAlternatives(TokenLogprob at, String chosenDigit) {
        double p1 = 0;
        double p2 = 0;
        boolean chosenListed = false;
        for (TokenLogprob.Alternative alt : at.top()) {
            String d = normalized(alt.token());
            if (d.equals("1")) {
                p1 += Math.exp(alt.logprob());
            } else if (d.equals("2")) {
                p2 += Math.exp(alt.logprob());
            }
            chosenListed |= alt.token().equals(at.token());
        }
        if (!chosenListed) {
            // some servers list only the alternatives; the chosen token's own probability still counts
            if (chosenDigit.equals("1")) {
                p1 += Math.exp(at.logprob());
            } else {
                p2 += Math.exp(at.logprob());
            }
        }
        if (!(p1 + p2 > 0)) {
            return null;
        }
        return Math.min(1.0, Math.max(0.0, p1 / (p1 + p2)));
    }

    private static String normalized(String token) {
        if (token.equals("1") || token.equals("2")) {
            return token;
        }
        return DECORATION.matcher(token.strip()).replaceAll("");
    }
}
