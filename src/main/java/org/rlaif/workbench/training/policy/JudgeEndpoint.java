package org.rlaif.workbench.training.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.CountingChatClient;
import org.rlaif.workbench.labeling.LabelingSetupException;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RequestRateLimiter;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.client.RetryingChatClient;
import org.rlaif.workbench.labeling.prompt.TaskTemplates;
import org.rlaif.workbench.labeling.rating.RemoteRewardServer;
import org.rlaif.workbench.labeling.rating.ResponseRater;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * A project's AI labeler serving direct-RLAIF rewards for one run: its server, model and settings (temperature,
 * answer budget, log-probabilities, concurrency, requests per minute, timeout, retries, prices) as the labeling
 * screen saved them, its API key read from where the settings name it (never stored), and the loopback reward
 * endpoint the trainer posts to (decision 46). {@link #open} asks the judge once before anything starts, so a judge
 * that is down or refuses the key is a clear message, not a failed run.
 */
final class JudgeEndpoint implements AutoCloseable {
    private final Labeler labeler;
    private final AiLabelerSettings settings;
    private final OpenAiChatClient http;
    private final CountingChatClient counting;
    private final ResponseRater rater;
    private final AtomicLong retries = new AtomicLong();
    private RemoteRewardServer server;

    private JudgeEndpoint(Labeler labeler, AiLabelerConfig config, String key, TaskTemplates templates) {
        this.labeler = labeler;
        this.settings = config.settings();
        this.http = new OpenAiChatClient(config.baseUrl(), key, Duration.ofSeconds(settings.timeoutSeconds()));
        this.counting = new CountingChatClient(http);
        RetryingChatClient retrying = new RetryingChatClient(counting, RetryPolicy.standard(settings.retries()),
                new RequestRateLimiter(settings.requestsPerMinute()), (attempt, failure, pause) -> retries.incrementAndGet(),
                new SplittableRandom());
        this.rater = new ResponseRater(retrying, config.model(), settings, templates);
    }

    /**
     * The judge, checked: configured, its key where its settings say, and answering one rating with a score.
     *
     * @param sample a prompt of the run and its task, to ask about
     */
    static JudgeEndpoint open(Labeler labeler, ApiKeySource keys, TaskTemplates templates, Task task, String sample)
            throws InterruptedException {
        AiLabelerConfig config;
        String key;
        try {
            config = AiLabelerConfig.fromLabeler(labeler);
            key = keys.keyFor(config.settings());
        } catch (LabelingSetupException | IllegalArgumentException e) {
            throw new TrainingSetupException("judge '" + labeler.name() + "' cannot be used: " + e.getMessage(), e);
        }
        JudgeEndpoint judge = new JudgeEndpoint(labeler, config, key, templates);
        ResponseRater once = new ResponseRater(judge.counting, config.model(), config.settings(), templates);
        ResponseRater.Rating r = once.rate(task, sample, "Thank you for asking.");
        if (r.score() == null) {
            judge.close();
            throw new TrainingSetupException("judge '" + labeler.name() + "' (" + config.model() + " at "
                    + config.baseUrl() + ") did not rate a test response: " + r.failure() + ". Check the server with:"
                    + " rlaif-workbench label --name " + labeler.name() + " --test-connection");
        }
        return judge;
    }

    /** Starts the loopback endpoint; returns its URL for the spec's {@code reward.url}. */
    String serve(LongFunction<Task> taskOf, Task fallback, Consumer<String> failures) {
        server = RemoteRewardServer.start(rater, taskOf, fallback, settings.concurrency(), failures);
        return server.url();
    }

    /**
     * How long the trainer should wait for one request's rewards: every rating of a batch may need all its retries
     * (the labeler's timeout each, and backoff between them), a batch rated a concurrency's worth at a time.
     */
    double requestTimeoutSeconds(int batch) {
        double perRating = settings.timeoutSeconds() * (settings.retries() + 1.0) + 30.0 * settings.retries();
        double rounds = Math.ceil(batch / (double) Math.max(1, settings.concurrency()));
        return Math.min(3600, Math.max(60, perRating * rounds));
    }

    String name() {
        return labeler.name();
    }

    String model() {
        return labeler.modelId();
    }

    /** Requests, ratings, failures, tokens and cost so far (the pre-flight rating included). */
    Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        RemoteRewardServer.Stats s = server == null ? new RemoteRewardServer.Stats(0, 0, 0, 0, 0) : server.stats();
        m.put("judge", labeler.name());
        m.put("model", labeler.modelId());
        m.put("reward_requests", s.requests());
        m.put("samples", s.samples());
        m.put("rewarded", s.rewarded());
        m.put("failed", s.failed());
        m.put("from_logprobs", s.fromLogprobs());
        m.put("chat_requests", counting.requestCount());
        m.put("retries", retries.get());
        m.put("tokens_in", counting.tokensInCount());
        m.put("tokens_out", counting.tokensOutCount());
        m.put("cost_usd", settings.cost(counting.tokensInCount(), counting.tokensOutCount()));
        return m;
    }

    String describeFigures() {
        Map<String, Object> f = figures();
        Object cost = f.get("cost_usd");
        return String.format(Locale.ROOT, "judge '%s': %,d responses rated (%,d from log-probabilities), %,d failed"
                        + " and dropped; %,d requests to the model (%,d retries), %,d tokens in, %,d out%s",
                labeler.name(), f.get("rewarded"), f.get("from_logprobs"), f.get("failed"), f.get("chat_requests"),
                f.get("retries"), f.get("tokens_in"), f.get("tokens_out"),
                cost == null ? "" : String.format(Locale.ROOT, ", about $%.4f", (Double) cost));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        http.close();
    }
}
