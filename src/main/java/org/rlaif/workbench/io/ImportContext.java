package org.rlaif.workbench.io;

import java.util.List;

/**
 * What a reader gets: the files (digested), the options, and the seed for position shuffling (already settled
 * against the project, so every import of a project shuffles alike).
 */
public record ImportContext(List<SourceFile> files, ImportOptions options, long shuffleSeed) {
    public ImportContext {
        files = List.copyOf(files);
    }
}
