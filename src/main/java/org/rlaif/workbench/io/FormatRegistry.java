package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.ArrayList;
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
                new AlpacaEvalReader(),
                new PandaLmReader(),
                new HhRlhfReader(),
                new AutoJReader(),
                new TrlReader(),
                new TldrReader(),
                new UltraFeedbackReader(),
                new CsvReader(),
                new JsonlReader()));
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
        JsonRecords.Sample json = JsonRecords.sample(file, SAMPLE_RECORDS);
        FormatSample sample = new FormatSample(file, json.records(), JsonRecords.firstLine(file), json.problem());
        FormatReader best = null;
        int bestScore = 0;
        for (FormatReader r : readers.values()) {
            int score = r.sniff(sample);
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        if (best == null) {
            String what = sample.isJson() ? "JSON records with fields " + fieldNames(sample.first())
                    : sample.problem() != null ? sample.problem() : "no JSON records and no CSV header";
            throw new ImportException(file, 1, "cannot tell the format (found " + what + "); pass --format, one of: "
                    + String.join(", ", readers.keySet()));
        }
        return best;
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names.size() > 12 ? names.subList(0, 12) : names;
    }
}
