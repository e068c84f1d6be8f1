package org.rlaif.workbench.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Holds submitted jobs until the test runs them, to check what a view model does while work is pending. */
public final class ManualJobExecutor implements JobExecutor {
    private final ObservableList<JobHandle> running = FXCollections.observableArrayList();
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final Deque<String> titles = new ArrayDeque<>();

    @Override
    public <V> JobHandle submit(String title, Job<V> job, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure) {
        boolean[] cancelled = {false};
        JobHandle handle = new JobHandle(title, () -> cancelled[0] = true);
        running.add(handle);
        titles.add(title);
        queue.add(() -> {
            titles.remove(title);
            running.remove(handle);
            handle.finished();
            if (cancelled[0]) {
                return;
            }
            V value;
            try {
                value = job.run(new JobContext() {
                    @Override
                    public void progress(double done, double total) {
                    }

                    @Override
                    public void message(String text) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled[0];
                    }
                });
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        });
        return handle;
    }

    /** Runs the oldest pending job (and whatever it submits stays queued). */
    public boolean runNext() {
        Runnable r = queue.poll();
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    /** Runs jobs until none is left. */
    public void runAll() {
        while (runNext()) {
            // keep going
        }
    }

    public int pending() {
        return queue.size();
    }

    @Override
    public ObservableList<JobHandle> running() {
        return running;
    }
}
