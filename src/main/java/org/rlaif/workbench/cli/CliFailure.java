package org.rlaif.workbench.cli;

/** A failure the user can act on: printed as one line on standard error, with exit status 1, no stack trace. */
public class CliFailure extends RuntimeException {
    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
