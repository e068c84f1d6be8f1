package org.rlaif.workbench.labeling;

/** A labeler or a run that cannot start as configured (no key, bad URL, nothing to label); the message says why. */
public final class LabelingSetupException extends RuntimeException {
    public LabelingSetupException(String message) {
        super(message);
    }

    public LabelingSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
