package org.rlaif.workbench.ui.common;

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
                }
            }
            last = now;
            frames++;
        }
    };
    private long last;
    private long longest;
    private long frames;
    private long over50;

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
    }

    /** The longest time between two frames since the last reset, in milliseconds. */
    public double longestGapMillis() {
        return longest / 1e6;
    }

    /** Frames drawn since {@link #start}; a test waits for it to move to know a frame went out. */
    public long frames() {
        return frames;
    }

    /** Gaps over 50 ms since the last reset. */
    public long gapsOver50ms() {
        return over50;
    }
}
