package org.rlaif.workbench.io;

/**
 * One record is not what its format promises (a missing field, a wrong type, a value out of range). The reader
 * that reads the record knows the file and line and turns this into an {@link ImportException} or, with
 * {@code --skip-invalid}, into a skipped line.
 */
public class RecordException extends Exception {
    public RecordException(String message) {
        super(message);
    }
}
