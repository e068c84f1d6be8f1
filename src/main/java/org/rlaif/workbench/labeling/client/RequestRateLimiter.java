package org.rlaif.workbench.labeling.client;

import java.time.Duration;

/**
 * Spaces requests evenly to stay under a requests-per-minute limit, and holds every request while a server's
 * Retry-After is in force, so one 429 pauses all workers instead of each of them finding out on its own.
 */
public final class RequestRateLimiter {
    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();
    private long holdUntilNanos = System.nanoTime();

    /** @param requestsPerMinute the limit; 0 means none (only Retry-After holds apply) */
    public RequestRateLimiter(int requestsPerMinute) {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requests per minute must be >= 0, got " + requestsPerMinute);
        }
        this.intervalNanos = requestsPerMinute == 0 ? 0 : 60_000_000_000L / requestsPerMinute;
    }

    public static RequestRateLimiter unlimited() {
        return new RequestRateLimiter(0);
    }

    /** Waits until this caller may send a request. */
    public void acquire() throws InterruptedException {
        long wait = reserve(System.nanoTime());
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private synchronized long reserve(long now) {
        long at = Math.max(now, holdUntilNanos);
        if (intervalNanos > 0) {
            at = Math.max(at, nextFreeNanos);
            nextFreeNanos = at + intervalNanos;
        }
        return at - now;
    }

    /** Lets no request start before {@code delay} from now (a Retry-After the server sent). */
    public synchronized void holdFor(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        if (until - holdUntilNanos > 0) {
            holdUntilNanos = until;
        }
    }
}
