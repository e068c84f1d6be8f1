package org.rlaif.workbench.labeling.rating;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlaif.workbench.labeling.client.TokenLogprob;

/**
 * Reads a judge's 1-10 rating of one response (direct-RLAIF, decision 46). With log-probabilities: the mean of the
 * scores weighted by their probabilities at the position where the judge wrote its score, over the alternatives that
 * are scores (the RLAIF paper's s = sum_i i P(i)); without: the number the answer states. The score becomes a reward
 * in [-1, 1]: 1 is -1, 10 is +1.
 */
public final class RatingScore {
    static final double MIN = 1;
    static final double MAX = 10;
    private static final Pattern THINKING = Pattern.compile("(?is)<think>.*?</think>");
    /** The first number in the answer ("7", "Score: 8/10", "8.5"), not part of a longer token. */
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)(?![0-9])");
    /** The scale as a judge may echo it ("(1-10)", "1 to 10", "/10", "out of 10"): not a score. */
    private static final Pattern SCALE = Pattern.compile("(?i)\\(?\\b1\\s*(?:-|–|to)\\s*10\\b\\)?|(?:/|\\bout of)\\s*10\\b");
    private static final Pattern DECORATION = Pattern.compile("^[\\s*\"'(\\[=:]+|[\\s*\"')\\].,:/]+$");

    private RatingScore() {
    }

    /** A score read from an answer, and whether it came from the log-probabilities. */
    public record Read(double score, boolean fromLogprobs) {
        /** The reward: the score scaled from [1, 10] to [-1, 1]. */
        public double reward() {
            return toReward(score);
        }
    }

    public static double toReward(double score) {
        return (score - (MIN + MAX) / 2) / ((MAX - MIN) / 2);
    }

    /** The score the text states, or null when it states none in 1..10. */
    public static Double parse(String answer) {
        String text = SCALE.matcher(THINKING.matcher(answer).replaceAll(" ")).replaceAll(" ");
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        return v >= MIN && v <= MAX ? v : null;
    }

    /**
     * The score of an answer, or null when it has none. The log-probabilities are used only where they agree with
     * the text: at the first token that is a score, whose value must be the stated score (a tokenizer that writes
     * "10" as "1" then "0" puts P(10) inside P(1): the text is trusted then).
     */
    public static Read read(String answer, List<TokenLogprob> tokens) {
        Double stated = parse(answer);
        if (stated == null) {
            return null;
        }
        for (TokenLogprob t : tokens) {
            Integer value = scoreToken(t.token());
            if (value == null) {
                continue;
            }
            if (value != stated.doubleValue()) {
                break;
            }
            Double weighted = weightedMean(t, value);
            return weighted != null ? new Read(weighted, true) : new Read(stated, false);
        }
        return new Read(stated, false);
    }

    private static Double weightedMean(TokenLogprob at, int chosen) {
        double mass = 0;
        double sum = 0;
        boolean chosenListed = false;
        for (TokenLogprob.Alternative alt : at.top()) {
            Integer v = scoreToken(alt.token());
            if (v == null) {
                continue;
            }
            double p = Math.exp(alt.logprob());
            mass += p;
            sum += p * v;
            chosenListed |= alt.token().equals(at.token());
        }
        if (!chosenListed) {
            // some servers list only the alternatives; the chosen token's own probability counts too
            double p = Math.exp(at.logprob());
            mass += p;
            sum += p * chosen;
        }
        if (!(mass > 0)) {
            return null;
        }
        return Math.min(MAX, Math.max(MIN, sum / mass));
    }

    /** The score a token stands for (1..10, decorations like "**" or a leading space aside), or null. */
    static Integer scoreToken(String token) {
        String t = DECORATION.matcher(token).replaceAll("").toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 2 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int v = Integer.parseInt(t);
        return v >= MIN && v <= MAX ? v : null;
    }
}
