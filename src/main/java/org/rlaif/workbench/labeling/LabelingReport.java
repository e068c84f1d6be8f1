package org.rlaif.workbench.labeling;

import org.rlaif.workbench.domain.RunState;

/**
 * How a labeling run ended.
 *
 * @param state   FINISHED, CANCELLED (by the user; resumable), or FAILED (it could not go on: {@code message} says why)
 * @param message one sentence for the user
 */
public record LabelingReport(LabelingProgress progress, RunState state, String message) {
    public long runId() {
        return progress.runId();
    }

    public boolean stoppedByFailure() {
        return state == RunState.FAILED;
    }
}
