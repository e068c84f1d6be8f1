package org.rlaif.workbench.labeling.prompt;

import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads "1", "2" (or an explicit tie) out of a judge's answer. It accepts what models actually write
 * ({@code 1}, {@code **2**}, {@code Summary 1}, {@code Preferred Response=2.}, {@code I prefer Response 2}) and
 * refuses anything it would have to guess at ({@code both 1 and 2 are fine}, a long essay, an empty answer): such an
 * answer becomes a failed label, never a choice.
 */
public final class VerdictParser {
    private static final Pattern THINKING = Pattern.compile("(?is)<think>.*?</think>");
    private static final Pattern DECORATION = Pattern.compile("[*_`\"'“”‘’]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CUE = Pattern.compile("(?i)^(?:(?:the\\s+)?(?:preferred|more\\s+harmful|most\\s+harmful"
            + "|better|best|final|answer|verdict|choice|my)\\s*)*(?:summary|response|output|option)?\\s*[=:\\-]?\\s*");
    private static final Pattern LEADING_DIGIT = Pattern.compile("^\\(?([12])\\)?(?![0-9]|[.,][0-9])");
    private static final Pattern TIE = Pattern.compile("(?i)^(?:tie|a tie|equal|equally good|both equally good)\\b");
    private static final Pattern ANY_DIGIT = Pattern.compile("(?<![0-9.,])([12])(?![0-9]|[.,][0-9])");
    /** Past this length an answer that did not start with its verdict is not trusted to contain one. */
    private static final int MAX_LOOSE_ANSWER = 200;

    private VerdictParser() {
    }

    public static Optional<Verdict> parse(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        String bare = answer.strip();
        if (bare.equals("1")) { // what a judge asked for one token says nearly every time: no patterns needed
            return Optional.of(Verdict.FIRST);
        }
        if (bare.equals("2")) {
            return Optional.of(Verdict.SECOND);
        }
        String text = THINKING.matcher(answer).replaceAll(" ");
        text = SPACES.matcher(DECORATION.matcher(text).replaceAll("")).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String rest = CUE.matcher(text).replaceFirst("");
        Matcher lead = LEADING_DIGIT.matcher(rest);
        if (lead.find()) {
            return Optional.of(lead.group(1).equals("1") ? Verdict.FIRST : Verdict.SECOND);
        }
        if (TIE.matcher(rest).find()) {
            return Optional.of(Verdict.TIE);
        }
        if (text.length() > MAX_LOOSE_ANSWER) {
            return Optional.empty();
        }
        TreeSet<String> digits = new TreeSet<>();
        Matcher any = ANY_DIGIT.matcher(text);
        while (any.find()) {
            digits.add(any.group(1));
        }
        if (digits.size() == 1) {
            return Optional.of(digits.first().equals("1") ? Verdict.FIRST : Verdict.SECOND);
        }
        return Optional.empty();
    }
}
