package org.rlaif.workbench.labeling.client;

import java.util.List;
import java.util.Objects;

/**
 * A server's answer to a {@link ChatRequest}.
 *
 * @param text             the assistant message (empty when the server sent none)
 * @param logprobs         per answer token, when the server returned log-probabilities; else empty
 * @param promptTokens     input tokens as the server counted them, or 0 when it did not say
 * @param completionTokens output tokens as the server counted them, or 0 when it did not say
 */
public record ChatCompletion(String text, String finishReason, List<TokenLogprob> logprobs, long promptTokens,
                             long completionTokens) {
    public ChatCompletion {
        Objects.requireNonNull(text, "text");
        logprobs = List.copyOf(logprobs);
    }

    public boolean hasLogprobs() {
        return !logprobs.isEmpty();
    }
}
