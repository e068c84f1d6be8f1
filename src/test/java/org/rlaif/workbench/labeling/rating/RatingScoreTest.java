package org.rlaif.workbench.labeling.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.labeling.client.TokenLogprob;

/** Reading a judge's 1-10 rating: the stated number, the probability-weighted mean, the scaling to [-1, 1]. */
class RatingScoreTest {
    @Test
    void theStatedScoreIsTheFirstNumberFromOneToTen() {
        assertThat(RatingScore.parse("7")).isEqualTo(7.0);
        assertThat(RatingScore.parse("Score: 8/10")).isEqualTo(8.0);
        assertThat(RatingScore.parse("**9**")).isEqualTo(9.0);
        assertThat(RatingScore.parse("8.5 out of 10")).isEqualTo(8.5);
        assertThat(RatingScore.parse("10")).isEqualTo(10.0);
        assertThat(RatingScore.parse("Score (1-10)= 6")).as("an echoed scale is not a score").isEqualTo(6.0);
        assertThat(RatingScore.parse("<think>maybe 3</think> 4")).isEqualTo(4.0);
    }

    @Test
    void anAnswerWithoutAScoreFromOneToTenHasNone() {
        assertThat(RatingScore.parse("I cannot rate this.")).isNull();
        assertThat(RatingScore.parse("0")).isNull();
        assertThat(RatingScore.parse("11")).isNull();
        assertThat(RatingScore.parse("75")).isNull();
        assertThat(RatingScore.read("no idea", List.of())).isNull();
    }

    @Test
    void theRewardScalesOneToMinusOneAndTenToPlusOne() {
        assertThat(RatingScore.toReward(1)).isEqualTo(-1.0);
        assertThat(RatingScore.toReward(10)).isEqualTo(1.0);
        assertThat(RatingScore.toReward(5.5)).isEqualTo(0.0);
        assertThat(RatingScore.toReward(9)).isCloseTo(7.0 / 9, within(1e-12));
    }

    @Test
    void logprobsGiveTheProbabilityWeightedMeanOfTheScores() {
        // P(8) = 0.5, P(9) = 0.3, P(7) = 0.1, and a non-score token that does not count
        TokenLogprob t = new TokenLogprob("8", Math.log(0.5), List.of(alt("8", 0.5), alt("9", 0.3), alt("7", 0.1),
                alt(" The", 0.1)));
        RatingScore.Read r = RatingScore.read("8", List.of(t));
        assertThat(r.fromLogprobs()).isTrue();
        assertThat(r.score()).isCloseTo((8 * 0.5 + 9 * 0.3 + 7 * 0.1) / 0.9, within(1e-12));
        assertThat(r.reward()).isCloseTo(RatingScore.toReward(r.score()), within(1e-12));
    }

    @Test
    void theChosenTokenCountsWhenTheServerListsOnlyTheAlternatives() {
        TokenLogprob t = new TokenLogprob(" 6", Math.log(0.6), List.of(alt("5", 0.4)));
        RatingScore.Read r = RatingScore.read(" 6", List.of(t));
        assertThat(r.score()).isCloseTo(6 * 0.6 + 5 * 0.4, within(1e-12));
    }

    @Test
    void logprobsThatDisagreeWithTheTextAreNotTrusted() {
        // a tokenizer that writes "10" as "1" then "0": P("1") holds P(10) too, so the text decides
        TokenLogprob one = new TokenLogprob("1", Math.log(0.7), List.of(alt("1", 0.7), alt("9", 0.3)));
        TokenLogprob zero = new TokenLogprob("0", Math.log(0.99), List.of(alt("0", 0.99)));
        RatingScore.Read r = RatingScore.read("10", List.of(one, zero));
        assertThat(r.fromLogprobs()).isFalse();
        assertThat(r.score()).isEqualTo(10.0);
    }

    @Test
    void withoutLogprobsTheStatedScoreIsUsed() {
        RatingScore.Read r = RatingScore.read("Score: 3", List.of());
        assertThat(r.fromLogprobs()).isFalse();
        assertThat(r.score()).isEqualTo(3.0);
    }

    private static TokenLogprob.Alternative alt(String token, double p) {
        return new TokenLogprob.Alternative(token, Math.log(p));
    }
}
