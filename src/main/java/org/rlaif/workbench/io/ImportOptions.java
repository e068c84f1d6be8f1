package org.rlaif.workbench.io;

import java.util.Map;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * How to read files whose format leaves something open.
 *
 * @param skipInvalid   import the good records and report the bad ones, instead of refusing the whole file
 * @param labelerName   name of the labeler behind formats with one implicit labeler (TRL, HH-RLHF, CSV); null = the
 *                      format's default
 * @param labelerKind   kind of that labeler; null = the format's default (usually HUMAN)
 * @param task          task of every pair; null = what the format or record says
 * @param split         split of every pair; null = what the format or record says, else test
 * @param source        source name of every pair; null = the format's name
 * @param shuffleSeed   seed for putting chosen/rejected at A or B; null = the project's recorded seed (or a new one)
 * @param columns       for CSV/JSONL with a mapping: role (prompt, response_a, chosen, …) to column name
 */
public record ImportOptions(boolean skipInvalid, String labelerName, LabelerKind labelerKind, Task task, Split split,
                            String source, Long shuffleSeed, Map<String, String> columns) {

    public ImportOptions {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(false, null, null, null, null, null, null, Map.of());
    }

    public ImportOptions withSkipInvalid(boolean skip) {
        return new ImportOptions(skip, labelerName, labelerKind, task, split, source, shuffleSeed, columns);
    }

    public ImportOptions withShuffleSeed(Long seed) {
        return new ImportOptions(skipInvalid, labelerName, labelerKind, task, split, source, seed, columns);
    }

    public String labelerNameOr(String fallback) {
        return labelerName == null ? fallback : labelerName;
    }

    public LabelerKind labelerKindOr(LabelerKind fallback) {
        return labelerKind == null ? fallback : labelerKind;
    }

    public Task taskOr(Task fallback) {
        return task == null ? fallback : task;
    }

    public Split splitOr(Split fallback) {
        return split == null ? fallback : split;
    }

    public String sourceOr(String fallback) {
        return source == null ? fallback : source;
    }
}
