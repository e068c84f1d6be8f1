package org.rlaif.workbench.labeling;

/**
 * Told where a run stands a few times a second, and once at the end, from the run's own thread (never from a
 * worker). A window must move what it shows onto its own thread.
 */
@FunctionalInterface
public interface LabelingListener {
    void progress(LabelingProgress progress);

    static LabelingListener none() {
        return p -> { };
    }
}
