package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.rlaif.workbench.domain.Comparison;

/** One record of a file: a pair and the labels the file gives it; {@code file:line} is where it starts. */
public record ImportedPair(Comparison pair, List<ImportedLabel> labels, Path file, long line) {
    public ImportedPair {
        Objects.requireNonNull(pair, "pair");
        labels = List.copyOf(labels);
    }
}
