package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The held-out agreement from a trainer's own scores: the higher reward against the human verdict, ties half. */
class HeldOutScoresTest {
    @TempDir
    Path dir;

    @Test
    void theHigherRewardIsTheModelsVerdictATieCountsHalfAndOnlyHeldOutPairsCount() throws Exception {
        Path eval = Files.writeString(dir.resolve("eval.jsonl"), """
                {"id": 1, "prompt": "p", "response_a": "a", "response_b": "b", "human": "A"}
                {"id": 2, "prompt": "p", "response_a": "a", "response_b": "b", "human": "B"}
                {"id": 3, "prompt": "p", "response_a": "a", "response_b": "b", "human": "B"}

                {"id": 4, "prompt": "p", "response_a": "a", "response_b": "b", "human": "A"}
                """);
        Path scores = Files.writeString(dir.resolve("scores.jsonl"), """
                {"id": 1, "reward_a": 0.3, "reward_b": -0.2}
                {"id": 2, "reward_a": -1.5, "reward_b": 0.25}
                {"id": 3, "reward_a": 2.0, "reward_b": 1.0}
                {"id": 4, "reward_a": 0.5, "reward_b": 0.5}
                {"id": 99, "reward_a": 1.0, "reward_b": 0.0}
                """);
        HeldOutAgreement h = HeldOutScores.of(eval, scores);
        assertThat(h.pairs()).isEqualTo(4);
        assertThat(h.agree()).isEqualTo(2);
        assertThat(h.ties()).isEqualTo(1);
        assertThat(h.agreement()).isEqualTo(2.5 / 4);
        assertThat(h).isEqualTo(HeldOutAgreement.counted(4, 2, 1)); // the same seeded bootstrap interval
        assertThat(h.ci95().contains(h.agreement())).isTrue();
    }
}
