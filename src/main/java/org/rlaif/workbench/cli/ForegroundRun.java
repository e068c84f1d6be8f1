package org.rlaif.workbench.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rlaif.workbench.training.TrainerRun;

/**
 * A training run in the foreground of a command: Ctrl-C asks the trainer to finish its step and save (the run
 * records itself as stopped), and the command waits for that, up to the stop grace, before the JVM goes.
 */
final class ForegroundRun {
    private ForegroundRun() {
    }

    /**
     * Runs {@code body}, which is handed what to tell about the run as soon as it exists; a Ctrl-C meanwhile stops
     * that run.
     */
    static <T> T stoppedByCtrlC(Duration stopGrace, Function<Consumer<TrainerRun>, T> body) {
        AtomicReference<TrainerRun> current = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            TrainerRun r = current.get();
            if (r != null) {
                r.stop();
            }
            try {
                ended.await(stopGrace.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.apply(current::set);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }
}
