package org.rlaif.workbench.domain;

/**
 * Life cycle of a run. Only {@code PENDING}, {@code RUNNING} and {@code PAUSED} can still change.
 *
 * <p>How a run ends: {@code FINISHED} did all it was asked; {@code STOPPED} was asked to stop and saved what it had
 * (a usable, shorter run); {@code CANCELLED} was ended without saving; {@code FAILED} ended in an error (the message
 * says which); {@code DIVERGED} produced a loss that is not a number; {@code INTERRUPTED} lost the process that
 * watched it (the window or command was killed), so nobody saw its end.
 */
public enum RunState {
    PENDING, RUNNING, PAUSED, FINISHED, STOPPED, FAILED, DIVERGED, CANCELLED, INTERRUPTED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING && this != PAUSED;
    }

    /** A run whose result can be used: it finished, or stopped after saving. */
    public boolean hasResult() {
        return this == FINISHED || this == STOPPED;
    }
}
