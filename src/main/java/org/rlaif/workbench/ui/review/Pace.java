package org.rlaif.workbench.ui.review;

import java.time.Duration;

/**
 * How fast an annotator works in this session: pairs decided per hour of active time, and the time left at that
 * pace. A pause longer than {@link #IDLE_CAP} counts as that long, so a coffee break does not halve the pace.
 */
final class Pace {
    static final long IDLE_CAP = Duration.ofMinutes(3).toMillis();
    private long activeMillis;
    private long last = -1;
    private int decided;

    /** The annotator did something (or saw the first pair) at {@code now}. */
    void tick(long now) {
        if (last >= 0) {
            activeMillis += Math.min(Math.max(0, now - last), IDLE_CAP);
        }
        last = now;
    }

    void decided(long now) {
        tick(now);
        decided++;
    }

    void undone(long now) {
        tick(now);
        decided = Math.max(0, decided - 1);
    }

    int decided() {
        return decided;
    }

    /** Pairs per hour, or NaN before there is anything to measure. */
    double perHour() {
        return decided == 0 || activeMillis < 1_000 ? Double.NaN : decided / (activeMillis / 3_600_000.0);
    }

    /** Time to decide {@code remaining} more pairs at this pace, or null before there is a pace. */
    Duration timeFor(long remaining) {
        double rate = perHour();
        return Double.isNaN(rate) ? null : Duration.ofSeconds(Math.round(remaining / rate * 3600));
    }
}
