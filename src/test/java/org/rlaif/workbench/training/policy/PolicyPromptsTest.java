package org.rlaif.workbench.training.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RewardModelData;
import org.rlaif.workbench.training.RewardModelRequest;

/**
 * The prompts policies answer, from the pairs' contexts: once each, held out by the reward models' rule so RL never
 * trains on a prompt it is judged on, evaluation pairs left out, and the split kept up to date as pairs arrive.
 */
class PolicyPromptsTest {
    @TempDir
    Path dir;

    @Test
    void withTheProjectsOwnSplitAPromptIsHeldOutWhenAnyOfItsPairsIsInTheTestSplit() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            store.write(c -> {
                store.comparisons().insert(c, pair("shared", "a", Split.TRAIN));
                store.comparisons().insert(c, pair("shared", "b", Split.TEST));
                store.comparisons().insert(c, pair("train only", "a", Split.TRAIN));
                store.comparisons().insert(c, pair("test only", "a", Split.TEST));
                store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS, "an evaluation", "x", "y",
                        Comparison.POLICY_EVAL_SOURCE, null, Split.TEST, "{}"));
                return null;
            });
            PolicyPrompts.Counts counts = PolicyPrompts.sync(store);
            assertThat(counts.pairs()).isEqualTo(4);
            assertThat(counts.prompts()).isEqualTo(3);
            assertThat(counts.splitRule()).isEqualTo("the project's test split");
            assertThat(texts(store, Split.TRAIN)).containsExactly("train only");
            assertThat(texts(store, Split.TEST)).containsExactlyInAnyOrder("shared", "test only");
            assertThat(PolicyPrompts.sync(store).changed()).as("a second sync changes nothing").isZero();
        }
    }

    @Test
    void withoutASplitOfItsOwnTheRewardModelsSeededHoldoutDecides() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            List<Long> ids = store.write(c -> {
                List<Long> out = new java.util.ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    out.add(store.comparisons().insert(c, pair("prompt " + i, "a", Split.TRAIN)));
                }
                return out;
            });
            PolicyPrompts.Counts counts = PolicyPrompts.sync(store);
            assertThat(counts.splitRule()).contains("seeded holdout, seed " + RewardModelRequest.DEFAULT_SEED);
            for (int i = 0; i < 60; i++) {
                boolean heldOut = RewardModelData.isHeldOut(ids.get(i), RewardModelRequest.DEFAULT_SEED);
                String text = "prompt " + i;
                assertThat(texts(store, heldOut ? Split.TEST : Split.TRAIN)).as(text).contains(text);
            }
            assertThat(counts.test()).isBetween(3L, 25L);
        }
    }

    @Test
    void pairsOfATestSplitArrivingLaterMoveTheirPromptsToIt() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            store.write(c -> {
                for (int i = 0; i < 30; i++) {
                    store.comparisons().insert(c, pair("prompt " + i, "a", Split.TRAIN));
                }
                return null;
            });
            PolicyPrompts.sync(store);
            store.write(c -> store.comparisons().insert(c, pair("prompt 0", "b", Split.TEST)));
            PolicyPrompts.Counts after = PolicyPrompts.sync(store);
            assertThat(after.splitRule()).isEqualTo("the project's test split");
            assertThat(texts(store, Split.TEST)).containsExactly("prompt 0");
            assertThat(after.train()).isEqualTo(29);
        }
    }

    private static Comparison pair(String context, String response, Split split) {
        return Comparison.draft(Task.HELPFULNESS, context, response, response + "'", "toy", null, split, "{}");
    }

    private static List<String> texts(ProjectStore store, Split split) {
        return PolicyPrompts.list(store, split).stream().map(Prompt::text).toList();
    }
}
