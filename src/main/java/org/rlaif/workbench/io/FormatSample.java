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

    /** True when every sampled record is an object with all the given fields. */
    public boolean recordsHave(String... fields) {
        if (records.isEmpty()) {
            return false;
        }
        for (JsonNode r : records) {
            for (String f : fields) {
                if (!r.isObject() || !r.has(f)) {
                    return false;
                }
            }
        }
        return true;
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
