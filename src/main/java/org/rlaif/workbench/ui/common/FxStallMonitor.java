package org.rlaif.workbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Measures how long the JavaFX thread goes without drawing a frame: an {@link AnimationTimer} is called once per
 * pulse (about 60 a second), so the longest gap between two calls is the longest time the window was frozen.
 * Start, stop and read it on the JavaFX thread.
 */
public final class FxStallMonitor {
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (last > 0) {
                long gap = now - last;
                if (gap > longest) {
                    longest = gap;
                }
                if (gap > 50_000_000L) {
                    over50++;
                    if (longStalls.size() < MAX_KEPT) {
                        longStalls.add(new Stall((last - since) / 1e6, gap / 1e6));
                    }
                }
                gaps.add(gap);
            }
            last = now;
            frames++;
        }
    };
    private static final int MAX_KEPT = 100;

    /** A gap over 50 ms: when the frame before it was drawn (ms after the last reset) and how long the gap was. */
    public record Stall(double atMillis, double gapMillis) {
    }

    private long since = System.nanoTime();
    private final List<Stall> longStalls = new ArrayList<>();
    private long last;
    private long longest;
    private long frames;
    private long over50;
    private final List<Long> gaps = new ArrayList<>();

    public void start() {
        reset();
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Forgets what was measured; the next gap counts from the next frame. */
    public void reset() {
        last = 0;
        longest = 0;
        over50 = 0;
        gaps.clear();
        longStalls.clear();
        since = System.nanoTime();
    }

    /** The longest time between two frames since the last reset, in milliseconds. */
    public double longestGapMillis() {
        return longest / 1e6;
    }

    /** Frames drawn since {@link #start}; a test waits for it to move to know a frame went out. */
    public long frames() {
        return frames;
    }

    /** The gap between frames that {@code fraction} of the gaps since the last reset are no longer than, in ms. */
    public double percentileMillis(double fraction) {
        return percentile(gaps, fraction) / 1e6;
    }

    /** The smallest of {@code values} that at least {@code fraction} (0 to 1) of them are no greater than; 0 if none. */
    static long percentile(List<Long> values, double fraction) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    /** Frames measured since the last reset. */
    public int gapsMeasured() {
        return gaps.size();
    }

    /** The gaps over 50 ms since the last reset, the first hundred: when they came tells what caused them. */
    public List<Stall> longStalls() {
        return List.copyOf(longStalls);
    }

    /** Gaps over 50 ms since the last reset. */
    public long gapsOver50ms() {
        return over50;
    }
}
