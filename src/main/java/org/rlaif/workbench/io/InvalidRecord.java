package org.rlaif.workbench.io;

import java.nio.file.Path;

/** A record left out by {@code --skip-invalid}, and why. */
public record InvalidRecord(Path file, long line, String problem) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + problem;
    }
}
