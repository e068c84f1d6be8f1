package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The start of a file, for format detection: its first few JSON records when it is JSON or JSON lines (empty
 * otherwise), its first line of text, and the first problem met while sampling (null when none).
 */
public record FormatSample(Path file, List<JsonNode> records, String firstLine, String problem) {
    public FormatSample {
        records = List.copyOf(records);
    }

    public FormatSample(Path file, List<JsonNode> records, String firstLine) {
        this(file, records, firstLine, null);
    }

    public boolean isJson() {
        return !records.isEmpty();
    }

    /**
     * True when most sampled records (more than half) are objects with all the given fields. Most, not all: one
     * broken record near the top of a file should get its own error from the right reader, not make the file look
     * like another format.
     */
    public boolean recordsHave(String... fields) {
        return mostRecords(r -> {
            for (String f : fields) {
                if (!r.has(f)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** True when more than half of the sampled records are objects that pass {@code test}. */
    public boolean mostRecords(java.util.function.Predicate<JsonNode> test) {
        if (records.isEmpty()) {
            return false;
        }
        int passing = 0;
        for (JsonNode r : records) {
            if (r.isObject() && test.test(r)) {
                passing++;
            }
        }
        return passing * 2 > records.size();
    }

    /** The first sampled record, or null. */
    public JsonNode first() {
        return records.isEmpty() ? null : records.get(0);
    }

    /** The file name in lower case, for formats whose files are recognised by name (CSV, TSV). */
    public String fileName() {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
