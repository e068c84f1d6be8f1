package org.rlaif.workbench.io;

/**
 * One file format. Readers stream: they never hold a whole file in memory, and they hand each record to the sink
 * as soon as it is read.
 */
public interface FormatReader {
    /** The name used on the command line ({@code --format NAME}). */
    String name();

    /** One line for help texts and the import dialog. */
    String description();

    /**
     * How sure this reader is that the sample is its format: 0 = not this format, 100 = certainly.
     * {@code --format auto} picks the reader with the highest score.
     */
    int sniff(FormatSample sample);

    /** Reads every file of the context into the sink. */
    void read(ImportContext context, RecordSink sink) throws ImportException;
}
