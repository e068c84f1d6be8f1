package org.rlaif.workbench.ui.runs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.ui.common.Job;
import org.rlaif.workbench.ui.common.JobContext;
import org.rlaif.workbench.ui.common.JobExecutor;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * Runs each job on a thread of its own, its callbacks on the same thread, and keeps the messages it reported: for
 * tests of work that must run while the test does something else (stop a training run), with no toolkit.
 */
final class ThreadJobExecutor implements JobExecutor {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final ObservableList<JobHandle> running = FXCollections.observableArrayList();

    @Override
    public <V> JobHandle submit(String title, Job<V> job, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread t = new Thread(() -> {
            V value;
            try {
                value = job.run(new JobContext() {
                    @Override
                    public void progress(double done, double total) {
                    }

                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }
                });
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        }, "test-job " + title);
        t.setDaemon(true);
        t.start();
        return null;
    }

    @Override
    public ObservableList<JobHandle> running() {
        return running;
    }
}
