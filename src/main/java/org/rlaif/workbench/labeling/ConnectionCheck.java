package org.rlaif.workbench.labeling;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.RequestRateLimiter;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.client.RetryingChatClient;
import org.rlaif.workbench.labeling.prompt.Exemplar;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.store.ProjectStore;

/**
 * "Test connection": one pair labeled exactly as a run would label it, shown and not stored, so a user sees the
 * prompt, the raw answer, the verdict read from it and whether the server returns log-probabilities before spending
 * a run on it.
 *
 * @param pairId   the pair asked about, or 0 for the built-in example (an empty project)
 * @param failure  why no verdict came back (a server error, an answer that is not a verdict), or null
 * @param softLabel true when P(A) came from the answer token's log-probabilities
 */
public record ConnectionCheck(String endpoint, long pairId, String prompt, String rawAnswer, Choice choice,
                              Double probabilityA, boolean softLabel, String failure, long millis, long tokensIn,
                              long tokensOut) {

    /** Asked when the project has no pair yet: a question with one plainly right answer. */
    static final Comparison EXAMPLE = Comparison.draft(Task.OTHER, "What is the capital of France?",
            "The capital of France is Paris.", "The capital of France is Lyon.", "example", null, Split.TEST, "{}");

    public boolean ok() {
        return failure == null;
    }

    /** Labels the project's first pair (or {@link #EXAMPLE}) once, without retries, and stores nothing. */
    public static ConnectionCheck run(ProjectStore store, AiLabelerConfig config, ChatClient server)
            throws InterruptedException {
        Comparison pair = store == null ? EXAMPLE : store.read(c -> {
            List<Comparison> first = store.comparisons().page(c, 0, 1);
            return first.isEmpty() ? EXAMPLE : first.get(0);
        });
        return run(store, config, server, pair);
    }

    public static ConnectionCheck run(ProjectStore store, AiLabelerConfig config, ChatClient server, Comparison pair)
            throws InterruptedException {
        String endpoint = config.baseUrl();
        long start = System.nanoTime();
        CountingChatClient counting = new CountingChatClient(server);
        try {
            PromptTemplates templates = PromptTemplates.withOverrides(config.settings().templates());
            FewShotExemplars pool = store == null || config.settings().fewShot() == 0 ? FewShotExemplars.none()
                    : store.read(c -> FewShotExemplars.load(store, c, config.settings().fewShot(),
                    config.settings().fewShotSeed()));
            ChatClient once = new RetryingChatClient(counting, new RetryPolicy(0, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO), RequestRateLimiter.unlimited(), (a, f, p) -> { }, new SplittableRandom());
            PairJudge judge = new PairJudge(once, config, templates);
            List<Exemplar> exemplars = pool.forPair(pair, judge.templateFor(pair));
            Judgement j = judge.judge(pair, OrderShown.AB, exemplars);
            return new ConnectionCheck(endpoint, pair.id(), j.prompt(), j.rawAnswer(), j.choice(), j.probabilityA(),
                    j.fromLogprobs(), j.isVerdict() ? null : j.rationale(), millisSince(start),
                    counting.tokensIn.get(), counting.tokensOut.get());
        } catch (ChatException e) {
            return new ConnectionCheck(endpoint, pair.id(), null, e.body(), null, null, false, e.getMessage(),
                    millisSince(start), 0, 0);
        } catch (LabelingSetupException | IllegalArgumentException e) {
            return new ConnectionCheck(endpoint, pair.id(), null, null, null, null, false, e.getMessage(),
                    millisSince(start), 0, 0);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
