package org.rlaif.workbench.ui.common;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs each job at once on the calling thread, callbacks included: for view-model tests, which then need neither
 * threads nor waiting. Never use it in the window.
 */
public final class DirectJobExecutor implements JobExecutor {
    private final ObservableList<JobHandle> running = FXCollections.observableArrayList();

    @Override
    public <V> JobHandle submit(String title, Job<V> job, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        JobHandle handle = new JobHandle(title, () -> cancelled.set(true));
        running.add(handle);
        V value;
        try {
            value = job.run(new JobContext() {
                @Override
                public void progress(double done, double total) {
                    handle.setProgress(total <= 0 ? -1 : done / total);
                }

                @Override
                public void message(String text) {
                    handle.setMessage(text);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            });
        } catch (Exception e) {
            finish(handle);
            onFailure.accept(e);
            return handle;
        }
        finish(handle);
        if (!cancelled.get()) {
            onSuccess.accept(value);
        }
        return handle;
    }

    private void finish(JobHandle handle) {
        handle.finished();
        running.remove(handle);
    }

    @Override
    public ObservableList<JobHandle> running() {
        return running;
    }
}
