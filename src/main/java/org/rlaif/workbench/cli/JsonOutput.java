package org.rlaif.workbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.rlaif.workbench.io.Json;

/** Writes one JSON document to the command's output: what scripts read with {@code --json}. */
public final class JsonOutput {
    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
