package org.rlaif.workbench.labeling.client;

import java.util.List;
import java.util.Objects;

/**
 * A chat-completions request as the labeler sends it.
 *
 * @param topLogprobs how many alternatives per answer token to ask for; 0 asks for no log-probabilities at all
 * @param seed        sampling seed for servers that honour one, or null to leave it to the server
 */
public record ChatRequest(String model, List<ChatMessage> messages, double temperature, int maxTokens,
                          int topLogprobs, Long seed) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
        if (topLogprobs < 0 || topLogprobs > 20) {
            throw new IllegalArgumentException("top logprobs must be in [0, 20], got " + topLogprobs);
        }
    }
}
