package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The start of a file, for format detection: its first few JSON records when it is JSON or JSON lines (empty
 * otherwise) and its first line of text.
 */
public record FormatSample(Path file, List<JsonNode> records, String firstLine) {
    public FormatSample {
        records = List.copyOf(records);
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
}
