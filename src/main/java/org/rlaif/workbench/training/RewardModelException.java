package org.rlaif.workbench.training;

import java.io.IOException;

/**
 * A reward-model folder cannot be scored with: a file missing or unreadable, a {@code scoring.json} of an unknown
 * format, a model whose inputs or output are not the ones {@code scoring.json} names. The message names the file and
 * what is wrong with it.
 */
public class RewardModelException extends IOException {
    public RewardModelException(String message) {
        super(message);
    }

    public RewardModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
