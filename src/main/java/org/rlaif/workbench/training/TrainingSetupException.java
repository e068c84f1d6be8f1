package org.rlaif.workbench.training;

/**
 * Training cannot start, and nothing was changed: no Python, a missing package, CUDA asked for but absent, too few
 * pairs, a backbone folder that is not a model. The message names what is wrong and the command that fixes it.
 */
public class TrainingSetupException extends RuntimeException {
    public TrainingSetupException(String message) {
        super(message);
    }

    public TrainingSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
