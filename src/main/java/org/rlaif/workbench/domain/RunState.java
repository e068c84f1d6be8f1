package org.rlaif.workbench.domain;

/** Life cycle of a run. Only {@code PENDING}, {@code RUNNING} and {@code PAUSED} can still change. */
public enum RunState {
    PENDING, RUNNING, PAUSED, FINISHED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }
}
