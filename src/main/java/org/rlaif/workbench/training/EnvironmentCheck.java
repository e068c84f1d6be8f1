package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rlaif.workbench.io.Json;

/**
 * What a training environment holds, as its own Python reports it ({@code python -m rlaif_trainers.env_check}):
 * Python, torch and its device (a CUDA card's name and memory, or the CPU), transformers, TRL and the rest, and what
 * is missing or older than the pins. Works on a Python without torch: the check itself needs only the standard
 * library.
 *
 * @param report the check's JSON, with {@code python_path} and {@code ok} added here
 */
public record EnvironmentCheck(JsonNode report) {
    private static final long TIMEOUT_SECONDS = 120; // importing torch cold from a slow disk takes a while

    public boolean ok() {
        return report.path("ok").asBoolean(false);
    }

    /**
     * What is missing or too old, in words (empty when nothing is): the check's own {@code missing} and
     * {@code too_old} lists, a Python that is too old, or why the check could not run ({@code problems}).
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        report.path("problems").forEach(p -> out.add(p.asText()));
        JsonNode python = report.path("python");
        if (python.isObject() && !python.path("ok").asBoolean(true)) {
            out.add("Python " + python.path("version").asText() + " is too old (" + python.path("required").asText()
                    + ")");
        }
        report.path("missing").forEach(p -> out.add(p.asText() + " is missing"));
        report.path("too_old").forEach(p -> out.add(p.asText() + " is older than "
                + report.path("packages").path(p.asText()).path("required").asText("the pinned version")));
        return out;
    }

    /** Whether a CUDA device is there to train on. */
    public boolean hasCuda() {
        return report.path("device").path("type").asText().equals("cuda");
    }

    /** Runs the check in {@code env}; an environment that is not there gives a report that says so. */
    public static EnvironmentCheck of(TrainingEnvironment env) {
        if (!env.exists()) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            r.put("python_path", env.python().toString());
            r.put("ok", false);
            r.putArray("problems").add(env.isNamed() ? "no Python at " + env.python()
                    : "the training environment has not been made yet: run `rlaif-workbench train-env`");
            return new EnvironmentCheck(r);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(env.moduleCommand("env_check", List.of("--json")));
            pb.environment().putAll(env.processEnvironment());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed(env, "the environment check did not answer within " + TIMEOUT_SECONDS + " s");
            }
            JsonNode node = Json.mapper().readTree(new String(out, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                return failed(env, "the environment check printed no report (exit status " + p.exitValue() + ")");
            }
            ObjectNode r = (ObjectNode) node;
            r.put("python_path", env.python().toString());
            if (!r.has("ok")) {
                r.put("ok", new EnvironmentCheck(r).problems().isEmpty());
            }
            return new EnvironmentCheck(r);
        } catch (IOException e) {
            return failed(env, "cannot run " + env.python() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(env, "interrupted");
        }
    }

    private static EnvironmentCheck failed(TrainingEnvironment env, String why) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("python_path", env.python().toString());
        r.put("ok", false);
        r.putArray("problems").add(why);
        return new EnvironmentCheck(r);
    }
}
