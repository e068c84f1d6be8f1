package org.rlaif.workbench.io;

/** Progress of an import, and the way to cancel it (checked between records; a cancelled import stores nothing). */
public interface ImportProgress {
    ImportProgress NONE = new ImportProgress() {
    };

    /** {@code done} of {@code total} bytes read, over all files. */
    default void bytes(long done, long total) {
    }

    default boolean isCancelled() {
        return false;
    }
}
