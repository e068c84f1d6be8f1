package org.rlaif.workbench.io;

import java.nio.file.Path;

/** Where a {@link FormatReader} puts what it reads. */
public interface RecordSink {
    /** A good record. */
    void accept(ImportedPair record) throws ImportException;

    /**
     * A bad record at {@code file:line}. Throws (ending the import, which then commits nothing) unless the user
     * asked to skip invalid records; then the record is listed in the report and reading goes on.
     */
    void invalid(Path file, long line, String problem) throws ImportException;

    /** Bytes of the current file read so far, for progress; also where a cancel is noticed. */
    void progress(SourceFile file, long bytesRead) throws ImportException;
}
