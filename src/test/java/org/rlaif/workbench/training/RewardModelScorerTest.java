package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.training.RewardModelScorer.Settings;
import org.rlaif.workbench.training.RewardModelScorer.Text;

/**
 * DJL's score of a text equals the score torch gave it in Python (the trainer's own score, {@code scores.jsonl}),
 * within 1e-4: one text at a time, and in padded batches, including a text longer than max_length (cut on the
 * left) and an empty response. The model is a real ONNX export of a random Qwen2 reward model (GeneratedModels).
 */
class RewardModelScorerTest {
    private static final double TOLERANCE = 1e-4;
    private static List<Text> texts;
    private static double[] torch;

    /** Per test, not per class, so that without the training environment each test reports itself skipped. */
    /** Per test, not per class, so that without the training environment each test reports itself skipped. */
    @BeforeEach
    void readPairs() throws Exception {
        var dir = GeneratedModels.tiny();
        if (texts != null) {
            return;
        }
        List<JsonNode> pairs = GeneratedModels.jsonl(dir.resolve("eval.jsonl"));
        List<JsonNode> scores = GeneratedModels.jsonl(dir.resolve("scores.jsonl"));
        List<Text> read = new ArrayList<>();
        double[] rewards = new double[2 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            JsonNode pair = pairs.get(i);
            assertThat(scores.get(i).get("id").asLong()).isEqualTo(pair.get("id").asLong());
            read.add(new Text(pair.get("prompt").asText(), pair.get("response_a").asText()));
            read.add(new Text(pair.get("prompt").asText(), pair.get("response_b").asText()));
            rewards[2 * i] = scores.get(i).get("reward_a").asDouble();
            rewards[2 * i + 1] = scores.get(i).get("reward_b").asDouble();
        }
        torch = rewards;
        texts = read;
    }

    @Test
    void eachTextScoredAloneEqualsTorch() throws Exception {
        try (RewardModelScorer scorer = RewardModelScorer.open(GeneratedModels.tiny())) {
            for (int i = 0; i < texts.size(); i++) {
                Text t = texts.get(i);
                assertThat((double) scorer.score(t.prompt(), t.response())).as("text %d", i)
                        .isCloseTo(torch[i], within(TOLERANCE));
            }
            // what makes the comparison worth something: rewards that differ, a text cut on the left, an empty one
            assertThat(spread(torch)).as("spread of the rewards").isGreaterThan(0.1);
            int maxLength = scorer.recipe().maxLength();
            Text longOne = texts.get(2); // pair 2, response A: twice the longest (the fixture's rule)
            assertThat(scorer.tokenIds(longOne.prompt(), longOne.response())).hasSize(maxLength)
                    .endsWith(scorer.recipe().eosTokenId());
            assertThat(texts.get(5).response()).isEmpty();
            assertThat(texts).as("a text with a character outside the BMP (JNI strings are not plain UTF-8)")
                    .anyMatch(t -> (t.prompt() + t.response()).codePoints().anyMatch(c -> c > 0xFFFF));
            assertThat(ai.djl.util.Utils.isOfflineMode()).as("DJL reads its offline switch as set").isTrue();
        }
    }

    @Test
    void paddedBatchesEqualTorch() throws Exception {
        for (int batch : new int[] {1, 5, 64}) {
            try (RewardModelScorer scorer = RewardModelScorer.open(GeneratedModels.tiny().resolve("onnx"),
                    new Settings(batch, 1))) {
                float[] djl = scorer.scoreAll(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat((double) djl[i]).as("batch size %d, text %d", batch, i)
                            .isCloseTo(torch[i], within(TOLERANCE));
                }
            }
        }
        try (RewardModelScorer scorer = RewardModelScorer.open(GeneratedModels.tiny())) {
            int[] lengths = texts.stream().mapToInt(t -> scorer.tokenIds(t.prompt(), t.response()).length).toArray();
            assertThat(Arrays.stream(lengths).distinct().count()).as("a batch of 64 pads all but the longest")
                    .isGreaterThan(10);
        }
    }

    @Test
    void reportsProgressAndStopsWhenInterrupted() throws Exception {
        try (RewardModelScorer scorer = RewardModelScorer.open(GeneratedModels.tiny(), new Settings(4, 1))) {
            List<Integer> done = new ArrayList<>();
            scorer.scoreAll(texts, (n, total) -> {
                assertThat(total).isEqualTo(texts.size());
                done.add(n);
            });
            assertThat(done).hasSize((texts.size() + 3) / 4).isSorted().endsWith(texts.size());

            List<Integer> beforeStop = new ArrayList<>();
            assertThatThrownBy(() -> scorer.scoreAll(texts, (n, total) -> {
                beforeStop.add(n);
                Thread.currentThread().interrupt();
            })).isInstanceOf(InterruptedException.class);
            assertThat(beforeStop).containsExactly(4);
            assertThat(Thread.interrupted()).as("the interrupt was consumed by the cancel").isFalse();
        }
    }

    @Test
    void threadsScoreAtOnceAndCloseWaitsForThem() throws Exception {
        RewardModelScorer scorer = RewardModelScorer.open(GeneratedModels.tiny(), new Settings(3, 1));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch allStarted = new CountDownLatch(3);
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> scorer.scoreAll(texts, (n, total) -> {
                    if (n == 3) {
                        allStarted.countDown();
                        // three calls in flight together; a scorer that let one call at a time would stall here
                        assertThat(awaitQuietly(allStarted)).as("three calls at once").isTrue();
                    }
                })));
            }
            for (Future<float[]> f : results) {
                float[] rewards = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat((double) rewards[i]).isCloseTo(torch[i], within(TOLERANCE));
                }
            }
        } finally {
            pool.shutdownNow();
            scorer.close();
        }
        scorer.close(); // twice is fine
        assertThatThrownBy(() -> scorer.score("p", "r")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double spread(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0));
    }
}
