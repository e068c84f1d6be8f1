package org.rlaif.workbench.labeling.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failed request is tried again: exponential backoff with jitter, and the server's
 * Retry-After when it gives one.
 *
 * @param retries       further attempts after the first (0 = try once)
 * @param baseDelay     the pause before the first retry; each later one doubles, up to {@code maxDelay}
 * @param maxRetryAfter the longest Retry-After honoured as asked; a longer one is cut to this
 */
public record RetryPolicy(int retries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be in [0, 100], got " + retries);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must be non-negative with max >= base");
        }
    }

    public static RetryPolicy standard(int retries) {
        return new RetryPolicy(retries, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    public int maxAttempts() {
        return retries + 1;
    }

    /**
     * The pause after failed attempt number {@code attempt} (1-based). Without Retry-After: the doubled delay with
     * "equal jitter" (half fixed, half random), so many workers that failed together do not return together. With
     * Retry-After: at least what the server asked, plus a little jitter.
     */
    public Duration delayAfter(int attempt, Duration retryAfter, RandomGenerator random) {
        long base = baseDelay.toMillis();
        long exp = Math.min(maxDelay.toMillis(), base * (1L << Math.min(attempt - 1, 30)));
        long jittered = exp / 2 + (exp / 2 == 0 ? 0 : random.nextLong(exp / 2 + 1));
        if (retryAfter == null) {
            return Duration.ofMillis(jittered);
        }
        long asked = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
        long spread = base == 0 ? 0 : random.nextLong(base / 4 + 1);
        return Duration.ofMillis(Math.max(asked + spread, Math.min(jittered, asked + base)));
    }
}
