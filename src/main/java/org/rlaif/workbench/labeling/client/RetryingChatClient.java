package org.rlaif.workbench.labeling.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sends each request through the rate limiter and tries a {@link ChatFailure#TRANSIENT} failure again after a
 * backoff, honouring Retry-After. Other failures pass straight through: a refused key will not get better by asking
 * again, and an unreachable server is the run's problem, not this request's.
 */
public final class RetryingChatClient implements ChatClient {
    /** Told of every retry, e.g. to count them. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int failedAttempt, ChatException failure, Duration pause);
    }

    private final ChatClient server;
    private final RetryPolicy policy;
    private final RequestRateLimiter limiter;
    private final RetryListener listener;
    private final RandomGenerator random;

    public RetryingChatClient(ChatClient server, RetryPolicy policy, RequestRateLimiter limiter,
                              RetryListener listener, RandomGenerator random) {
        this.server = Objects.requireNonNull(server, "server");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public ChatCompletion complete(ChatRequest request) throws ChatException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            limiter.acquire();
            try {
                return server.complete(request);
            } catch (ChatException e) {
                if (!e.failure().isRetryable()) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw attempt == 1 ? e
                            : e.withMessage(e.getMessage() + " (gave up after " + attempt + " attempts)");
                }
                if (e.retryAfter() != null) {
                    limiter.holdFor(e.retryAfter().compareTo(policy.maxRetryAfter()) > 0
                            ? policy.maxRetryAfter() : e.retryAfter());
                }
                Duration pause = policy.delayAfter(attempt, e.retryAfter(), random);
                listener.retrying(attempt, e, pause);
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
