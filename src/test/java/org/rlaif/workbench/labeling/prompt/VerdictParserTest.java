package org.rlaif.workbench.labeling.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.labeling.client.TokenLogprob;

class VerdictParserTest {
    @ParameterizedTest
    @ValueSource(strings = {"1", " 1\n", "**1**", "Summary 1", "Preferred Summary=1", "Response 1 is better.",
            "1. The first one", "(1)", "I prefer Response 1.", "<think>2 or 1? 2 is long</think>1", "Answer: 1"})
    void readsFirst(String answer) {
        assertThat(VerdictParser.parse(answer)).contains(Verdict.FIRST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "Output 2", "More Harmful Response=2", "`2`", "The answer is 2"})
    void readsSecond(String answer) {
        assertThat(VerdictParser.parse(answer)).contains(Verdict.SECOND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "I cannot decide; both have merits.", "Both 1 and 2 are fine", "1.5", "12",
            "3", "<html>Bad Gateway</html>"})
    void refusesToGuess(String answer) {
        assertThat(VerdictParser.parse(answer)).isEmpty();
    }

    @Test
    void readsAnExplicitTie() {
        assertThat(VerdictParser.parse("Tie")).contains(Verdict.TIE);
        assertThat(VerdictParser.parse(null)).isEmpty();
    }

    @Test
    void probabilityComesFromTheAnswerTokensAlternatives() {
        var token = new TokenLogprob("1", Math.log(0.6), List.of(new TokenLogprob.Alternative("1", Math.log(0.6)),
                new TokenLogprob.Alternative(" 2", Math.log(0.3)), new TokenLogprob.Alternative("The", Math.log(0.1))));
        assertThat(AnswerProbability.ofFirst(List.of(token), Verdict.FIRST)).isCloseTo(0.6667, org.assertj.core.api.Assertions.within(1e-4));
        // the first digit written disagrees with the verdict read from the text: no probability rather than a guess
        assertThat(AnswerProbability.ofFirst(List.of(token), Verdict.SECOND)).isNull();
        assertThat(AnswerProbability.ofFirst(List.of(), Verdict.FIRST)).isNull();
        var cue = new TokenLogprob("Summary", -0.1, List.of());
        var onlyChosen = new TokenLogprob(" 2", Math.log(0.8), List.of(new TokenLogprob.Alternative("1", Math.log(0.2))));
        assertThat(AnswerProbability.ofFirst(List.of(cue, onlyChosen), Verdict.SECOND)).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    }
}
