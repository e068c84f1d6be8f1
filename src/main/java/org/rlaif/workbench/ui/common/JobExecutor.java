package org.rlaif.workbench.ui.common;

import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * The one way the window runs work off the JavaFX thread. View models take a {@code JobExecutor}, so tests give them
 * a {@link DirectJobExecutor} and check results without threads or a toolkit.
 */
public interface JobExecutor {
    /**
     * Runs {@code job} in the background. Exactly one of the callbacks is called, on the JavaFX thread, unless the
     * job is cancelled first (then neither is).
     */
    <V> JobHandle submit(String title, Job<V> job, Consumer<? super V> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs {@code step} on the JavaFX thread once the event being handled is over, so that several changes made in
     * one event (a saved filter, a drill-down from a chart) start one job rather than one each. Where there is no
     * event loop (view-model tests) it runs at once.
     */
    default void afterThisEvent(Runnable step) {
        step.run();
    }

    /** Jobs still running, for a status bar. */
    ObservableList<JobHandle> running();
}
