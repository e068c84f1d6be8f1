package org.rlaif.workbench.ui.start;

import java.util.List;

/**
 * What an import would store, read from the start of the first file: the format and its first records.
 *
 * @param format      the reader's name
 * @param description the reader's one-line description
 * @param records     the first records as they would be stored
 * @param more        whether the file has more records than shown
 */
public record ImportPreview(String format, String description, List<Record> records, boolean more) {
    public ImportPreview {
        records = List.copyOf(records);
    }

    /** One record: where it is, its texts, and its labels in words ("annotator1: A, gpt-3.5-turbo: B"). */
    public record Record(long line, String task, String context, String responseA, String responseB, String labels) {
    }
}
