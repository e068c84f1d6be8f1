package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The known formats, by name, and detection of a file's format from its first records. */
public final class FormatRegistry {
    private static final int SAMPLE_RECORDS = 5;
    private final Map<String, FormatReader> readers = new LinkedHashMap<>();

    public FormatRegistry(List<FormatReader> readers) {
        for (FormatReader r : readers) {
            this.readers.put(r.name(), r);
        }
    }

    /** Every format this release reads. */
    public static FormatRegistry standard() {
        return new FormatRegistry(List.of(
                new TrlReader()));
    }

    public List<FormatReader> all() {
        return List.copyOf(readers.values());
    }

    public FormatReader require(String name) throws ImportException {
        FormatReader r = readers.get(name);
        if (r == null) {
            throw new ImportException(Path.of(name), 0, "unknown format; known formats: auto, "
                    + String.join(", ", readers.keySet()));
        }
        return r;
    }

    /** The format of {@code file}, judged from its first records; an error when no reader recognises it. */
    public FormatReader detect(Path file) throws ImportException {
        FormatSample sample = new FormatSample(file, JsonRecords.sample(file, SAMPLE_RECORDS), JsonRecords.firstLine(file));
        List<Map.Entry<FormatReader, Integer>> scored = new ArrayList<>();
        for (FormatReader r : readers.values()) {
            int score = r.sniff(sample);
            if (score > 0) {
                scored.add(Map.entry(r, score));
            }
        }
        if (scored.isEmpty()) {
            String what = sample.isJson() ? "JSON records with fields " + sample.records().get(0).properties().stream()
                    .map(Map.Entry::getKey).limit(12).toList() : "no JSON records";
            throw new ImportException(file, 1, "cannot tell the format (found " + what + "); pass --format, one of: "
                    + String.join(", ", readers.keySet()));
        }
        scored.sort(Map.Entry.<FormatReader, Integer>comparingByValue(Comparator.reverseOrder()));
        return scored.get(0).getKey();
    }
}
