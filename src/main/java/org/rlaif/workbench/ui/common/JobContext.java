package org.rlaif.workbench.ui.common;

/** What a running {@link Job} can tell the window, and how it learns it was cancelled. */
public interface JobContext {
    /** Reports {@code done} of {@code total}; a negative total means "unknown" (an indeterminate bar). */
    void progress(double done, double total);

    void message(String text);

    /** True once the user cancelled; a job checks this between steps and stops early. */
    boolean isCancelled();
}
