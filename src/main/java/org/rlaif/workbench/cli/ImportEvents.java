package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.SourceFile;

/**
 * {@code import --events}: what the import does as one JSON object per line on standard output, for the window
 * that runs it in a child process. {@code {"event": "progress", "done": 1200, "total": 50000}} at most ten times
 * a second, {@code "summarising"}, then {@code "done"} with the report or {@code "problem"} with file, line and
 * what is wrong. The reader is {@code ui.start.ChildProcessImport}.
 */
final class ImportEvents implements ImportProgress {
    private static final long EVERY_NANOS = 100_000_000L;
    private final PrintWriter out;
    private long lastProgress;

    ImportEvents(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void bytes(long done, long total) {
        long now = System.nanoTime();
        if (now - lastProgress >= EVERY_NANOS || done == total) {
            lastProgress = now;
            emit(Map.of("event", "progress", "done", done, "total", total));
        }
    }

    void summarising() {
        emit(Map.of("event", "summarising"));
    }

    void problem(ImportException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "problem");
        m.put("file", e.file() == null ? "" : e.file().toString());
        m.put("line", e.line());
        m.put("problem", e.problem());
        emit(m);
    }

    void done(ImportReport r) {
        Map<String, Object> m = new LinkedHashMap<>(ImportCommand.toJson(r));
        m.put("event", "done");
        // what the report needs to be rebuilt exactly on the other side
        m.put("sources", r.files().stream().map(ImportEvents::source).toList());
        emit(m);
    }

    private static Map<String, Object> source(SourceFile f) {
        return Map.of("path", f.path().toString(), "sha256", f.sha256(), "size", f.size());
    }

    private void emit(Map<String, ?> event) {
        try {
            out.println(Json.mapper().writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an import event", e);
        }
        out.flush();
    }
}
