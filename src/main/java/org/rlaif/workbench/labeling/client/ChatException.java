package org.rlaif.workbench.labeling.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A chat request that produced no completion. The message is meant for the user and never holds the API key.
 *
 * @see ChatFailure
 */
public final class ChatException extends Exception {
    private final ChatFailure failure;
    private final int status;
    private final transient Duration retryAfter;
    private final String body;

    public ChatException(ChatFailure failure, String message, int status, Duration retryAfter, String body,
                         Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.status = status;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public ChatException(ChatFailure failure, String message) {
        this(failure, message, 0, null, null, null);
    }

    public ChatFailure failure() {
        return failure;
    }

    /** The HTTP status, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** How long the server asked us to wait (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The response body (possibly cut short) when there was one, else null. */
    public String body() {
        return body;
    }

    /** The same failure, restated (e.g. with the number of attempts made). */
    public ChatException withMessage(String message) {
        return new ChatException(failure, message, status, retryAfter, body, this);
    }
}
