package org.rlaif.workbench.labeling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatCompletion;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.ChatMessage;
import org.rlaif.workbench.labeling.client.ChatRequest;
import org.rlaif.workbench.labeling.prompt.AnswerProbability;
import org.rlaif.workbench.labeling.prompt.Exemplar;
import org.rlaif.workbench.labeling.prompt.JudgePrompt;
import org.rlaif.workbench.labeling.prompt.PromptTemplate;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.labeling.prompt.ShownPair;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.labeling.prompt.Verdict;
import org.rlaif.workbench.labeling.prompt.VerdictParser;

/**
 * Asks a judge about one pair in one order: builds the prompt for the labeler's technique, sends it (two requests for
 * chain of thought), and turns the answer into a {@link Judgement}. A request that still fails after its retries,
 * or an answer that is not a verdict, becomes a failed judgement; only a failure that would hit every pair
 * ({@link org.rlaif.workbench.labeling.client.ChatFailure#isFatal()}) is thrown.
 */
public final class PairJudge {
    private final ChatClient client;
    private final AiLabelerConfig config;
    private final PromptTemplates templates;

    public PairJudge(ChatClient client, AiLabelerConfig config, PromptTemplates templates) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    public PromptTemplate templateFor(Comparison pair) {
        return templates.forTask(pair.task());
    }

    public Judgement judge(Comparison pair, OrderShown order, List<Exemplar> exemplars)
            throws ChatException, InterruptedException {
        PromptTemplate template = templateFor(pair);
        JudgePrompt prompt = new JudgePrompt(template, config.technique());
        ShownPair shown = order == OrderShown.BA
                ? new ShownPair(pair.context(), pair.responseB(), pair.responseA())
                : new ShownPair(pair.context(), pair.responseA(), pair.responseB());
        List<ChatMessage> messages;
        String rationale = null;
        if (config.technique() == Technique.COT) {
            List<ChatMessage> step1 = prompt.rationale(shown, exemplars);
            ChatCompletion thought;
            try {
                thought = client.complete(request(step1, config.settings().rationaleMaxTokens(), 0));
            } catch (ChatException e) {
                return failedOrThrow(e, JudgePrompt.transcript(step1));
            }
            rationale = thought.text().strip();
            if (rationale.isEmpty()) {
                return Judgement.failed("the judge gave an empty rationale", JudgePrompt.transcript(step1), thought.text());
            }
            messages = prompt.verdictAfter(step1, rationale);
        } else {
            messages = prompt.verdict(shown, exemplars);
        }
        String transcript = JudgePrompt.transcript(messages);
        ChatCompletion answer;
        try {
            answer = client.complete(request(messages, config.settings().maxTokens(), config.settings().topLogprobs()));
        } catch (ChatException e) {
            return failedOrThrow(e, transcript);
        }
        return interpret(answer, template, order, rationale, transcript);
    }

    private ChatRequest request(List<ChatMessage> messages, int maxTokens, int topLogprobs) {
        return new ChatRequest(config.model(), messages, config.settings().temperature(), maxTokens, topLogprobs, null);
    }

    private static Judgement failedOrThrow(ChatException e, String prompt) throws ChatException {
        if (e.failure().isFatal()) {
            throw e;
        }
        return Judgement.failed(e.getMessage(), prompt, e.body());
    }

    static Judgement interpret(ChatCompletion answer, PromptTemplate template, OrderShown order, String rationale,
                               String transcript) {
        Optional<Verdict> said = VerdictParser.parse(answer.text());
        if (said.isEmpty()) {
            String why = answer.text().isBlank()
                    ? "empty answer" + (answer.finishReason() == null ? "" : " (finish reason: " + answer.finishReason() + ")")
                    : "the answer is not a verdict (expected 1 or 2)";
            return Judgement.failed(why, transcript, answer.text());
        }
        Verdict answered = said.get();
        Double pAnswerFirst = AnswerProbability.ofFirst(answer.logprobs(), answered);
        boolean asksWorse = template.asksFor() == PromptTemplate.AsksFor.WORSE;
        Verdict preferred = asksWorse ? answered.inverted() : answered;
        double pFirstPreferred;
        if (pAnswerFirst != null) {
            pFirstPreferred = asksWorse ? 1 - pAnswerFirst : pAnswerFirst;
        } else {
            pFirstPreferred = switch (preferred) {
                case FIRST -> 1.0;
                case SECOND -> 0.0;
                case TIE -> 0.5;
            };
        }
        boolean swapped = order == OrderShown.BA;
        Choice choice = switch (preferred) {
            case FIRST -> swapped ? Choice.B : Choice.A;
            case SECOND -> swapped ? Choice.A : Choice.B;
            case TIE -> Choice.TIE;
        };
        double pA = swapped ? 1 - pFirstPreferred : pFirstPreferred;
        return Judgement.verdict(choice, pA, pAnswerFirst != null, rationale, transcript, answer.text());
    }
}
