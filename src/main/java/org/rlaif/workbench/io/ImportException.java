package org.rlaif.workbench.io;

import java.nio.file.Path;

/**
 * An import that cannot go on. The message always names the place: {@code file:line: what is wrong}, so a user can
 * open the file at that line.
 */
public class ImportException extends Exception {
    private final Path file;
    private final long line;
    private final String problem;

    public ImportException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    public ImportException(Path file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is with the file as a whole. */
    public long line() {
        return line;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
