package org.rlaif.workbench.labeling.rating;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatCompletion;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.ChatMessage;
import org.rlaif.workbench.labeling.client.ChatRequest;
import org.rlaif.workbench.labeling.prompt.TaskTemplates;

/**
 * An AI judge rating one response from 1 to 10 (direct-RLAIF, decision 46), through the labeling client: what the
 * client was given (retries, rate limits, counting) applies to every rating. A rating that fails, or an answer with
 * no score in it, is a {@link Rating} with a failure and no reward: never a made-up number.
 */
public final class ResponseRater {
    public static final String TEMPLATE_FILE = "rating.txt";
    public static final List<String> PLACEHOLDERS = List.of("context", "response");
    /** Score alternatives to ask for: all ten scores fit, where the server allows that many. */
    static final int SCORE_ALTERNATIVES = 10;

    /**
     * One rating.
     *
     * @param score   the 1-10 score, or null when there is none
     * @param failure why there is no score (the server failed, the answer holds none), or null
     */
    public record Rating(Double score, boolean fromLogprobs, String answer, String failure, boolean fatal) {
        /** The reward in [-1, 1], or null where there is no score. */
        public Double reward() {
            return score == null ? null : RatingScore.toReward(score);
        }
    }

    private final ChatClient client;
    private final String model;
    private final AiLabelerSettings settings;
    private final TaskTemplates templates;

    public ResponseRater(ChatClient client, String model, AiLabelerSettings settings, TaskTemplates templates) {
        this.client = Objects.requireNonNull(client, "client");
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /** The shipped rating template, with a file of one's own (its text, or null) on top. */
    public static TaskTemplates templates(String own, String ownName) {
        return TaskTemplates.load(TEMPLATE_FILE, own, ownName, PLACEHOLDERS);
    }

    public String prompt(Task task, String context, String response) {
        return templates.render(task, Map.of("context", context, "response", response));
    }

    public Rating rate(Task task, String context, String response) throws InterruptedException {
        int alternatives = settings.topLogprobs() == 0 ? 0 : Math.min(20, Math.max(settings.topLogprobs(),
                SCORE_ALTERNATIVES));
        ChatRequest request = new ChatRequest(model, List.of(ChatMessage.user(prompt(task, context, response))),
                settings.temperature(), settings.maxTokens(), alternatives, null);
        ChatCompletion answer;
        try {
            answer = client.complete(request);
        } catch (ChatException e) {
            return new Rating(null, false, e.body(), e.getMessage(), e.failure().isFatal());
        }
        RatingScore.Read read = RatingScore.read(answer.text(), answer.logprobs());
        if (read == null) {
            return new Rating(null, false, answer.text(), "the judge's answer holds no score from 1 to 10: "
                    + cut(answer.text()), false);
        }
        return new Rating(read.score(), read.fromLogprobs(), answer.text(), null, false);
    }

    private static String cut(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 80 ? "'" + one + "'" : "'" + one.substring(0, 80) + "…'";
    }
}
