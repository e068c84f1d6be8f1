package org.rlaif.workbench.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runs steps on the JavaFX thread for code that drives the window from another thread (the screenshot tour, the
 * window benchmark, the labeling probe) and waits for each, up to a time limit, so a hung step ends the run with an
 * error instead of blocking it forever.
 */
final class FxDriver {
    private final Duration limit;

    FxDriver(Duration limit) {
        this.limit = limit;
    }

    /** Runs {@code c} on the JavaFX thread and returns what it returned, or throws what it threw. */
    <T> T call(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    void run(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }
}
