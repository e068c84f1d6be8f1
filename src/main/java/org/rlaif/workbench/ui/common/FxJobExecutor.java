package org.rlaif.workbench.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs jobs on daemon threads through {@link Task}, which coalesces progress updates so a job that reports a
 * million steps costs the JavaFX thread a few dozen repaints, not a million.
 */
public final class FxJobExecutor implements JobExecutor, AutoCloseable {
    private final ExecutorService pool;
    private final ObservableList<JobHandle> running = FXCollections.observableArrayList();

    public FxJobExecutor() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "workbench-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <V> JobHandle submit(String title, Job<V> job, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure) {
        Task<V> task = new Task<>() {
            @Override
            protected V call() throws Exception {
                return job.run(new JobContext() {
                    @Override
                    public void progress(double done, double total) {
                        updateProgress(done, total < 0 ? -1 : total);
                    }

                    @Override
                    public void message(String text) {
                        updateMessage(text);
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelRequested();
                    }
                });
            }

            private boolean cancelRequested() {
                return isCancelled();
            }
        };
        JobHandle handle = new JobHandle(title, () -> task.cancel(true));
        task.progressProperty().addListener((o, a, b) -> handle.setProgress(b.doubleValue()));
        task.messageProperty().addListener((o, a, b) -> handle.setMessage(b));
        task.setOnSucceeded(e -> {
            finish(handle);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finish(handle);
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> finish(handle));
        runOnFx(() -> running.add(handle));
        pool.execute(task);
        return handle;
    }

    @Override
    public void afterThisEvent(Runnable step) {
        Platform.runLater(step);
    }

    private void finish(JobHandle handle) {
        handle.finished();
        running.remove(handle);
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public ObservableList<JobHandle> running() {
        return running;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
