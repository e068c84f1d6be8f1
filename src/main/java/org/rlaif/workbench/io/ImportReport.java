package org.rlaif.workbench.io;

import java.util.List;

/**
 * What an import did. With {@code --skip-invalid}, {@code invalid} lists what was left out; without it an import
 * with a bad record throws instead and stores nothing.
 *
 * @param pairsRead      records read (good ones)
 * @param pairsAdded     pairs new to the project
 * @param labelsAdded    labels new to the project (verdicts and failed labels)
 * @param labelsExisting labels already in the project from an earlier import of the same file
 * @param failedLabels   of the added labels, how many record an answer that could not be read as a verdict
 */
public record ImportReport(String format, List<SourceFile> files, long pairsRead, long pairsAdded,
                           long labelsAdded, long labelsExisting, long failedLabels, List<String> labelers,
                           List<InvalidRecord> invalid, long shuffleSeed, long elapsedMillis) {
    public ImportReport {
        files = List.copyOf(files);
        labelers = List.copyOf(labelers);
        invalid = List.copyOf(invalid);
    }

    public boolean addedNothing() {
        return pairsAdded == 0 && labelsAdded == 0;
    }
}
