package org.rlaif.workbench.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.training.DeviceText;
import org.rlaif.workbench.training.HeldOutAgreement;

/**
 * A run as the runs table shows it: what it is, where it stands, and its final figures.
 *
 * @param finals  the last value of each metric
 * @param heldOut the held-out agreement with humans with its 95% interval, once the run has a model scored on its
 *                held-out pairs; null before that, or for runs that have none
 * @param device  where it trained, as the trainer reported it; what was asked ("auto") until then
 */
public record RunRow(Run run, Map<String, Double> finals, HeldOutAgreement heldOut, String labelSource,
                     String backbone, String device) {
    /** The metric the RLAIF paper compares reward models by. */
    static final String HUMAN_AGREEMENT = "eval/human_agreement";

    public RunRow {
        finals = Map.copyOf(finals);
    }

    public static RunRow of(Run run, Map<String, Double> finals, HeldOutAgreement heldOut) {
        JsonNode spec = parse(run.specJson());
        JsonNode reported = spec.path("environment").path("device");
        String device = reported.isObject() ? DeviceText.describe(reported) : spec.path("device").asText("");
        return new RunRow(run, finals, heldOut, spec.path("label_source").asText(""), spec.path("backbone").asText(""),
                device);
    }

    /** The same run with its held-out figure. */
    RunRow withHeldOut(HeldOutAgreement figure) {
        return new RunRow(run, finals, figure, labelSource, backbone, device);
    }

    public long id() {
        return run.id();
    }

    public RunState state() {
        return run.state();
    }

    public boolean isLive() {
        return !run.state().isTerminal();
    }

    /** The run's spec, with what its trainer added (library versions, device); an empty object if unreadable. */
    public JsonNode spec() {
        return parse(run.specJson());
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            return n == null ? Json.mapper().createObjectNode() : n;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** The spec as indented JSON, for reading. */
    public String prettySpec() {
        return spec().toPrettyString();
    }

    /** "running", "finished", "interrupted", …; a running run with a known total adds its progress. */
    public String stateText() {
        String s = run.state().name().toLowerCase(Locale.ROOT);
        if (run.state() == RunState.RUNNING && run.total() != null && run.total() > 0) {
            return String.format(Locale.ROOT, "%s %d/%d", s, run.done(), run.total());
        }
        return s;
    }

    /** Whether it ended without a result: failed, diverged, cancelled, or interrupted (shown in red). */
    public boolean endedBadly() {
        return run.state().isTerminal() && !run.state().hasResult();
    }

    /** Why the state is what it is, for a tooltip: the run's last message. */
    public String stateDetail() {
        return run.message() == null ? "" : run.message();
    }

    /** How long it ran ("42 s", "3:05", "1:02:03"); to {@code now} while it runs. */
    public String durationText(Instant now) {
        Duration d = run.duration(now);
        if (d == null) {
            return "";
        }
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** "57.6% [50.0, 65.1]" with the interval, "57.6%" from the last evaluation alone, or "" when there is none. */
    public String agreementText() {
        if (heldOut != null && heldOut.pairs() > 0) {
            return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * heldOut.agreement(),
                    100 * heldOut.ci95().lo(), 100 * heldOut.ci95().hi());
        }
        Double last = finals.get(HUMAN_AGREEMENT);
        return last == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * last);
    }

    /** The last value of {@code metric}, formatted, or "". */
    public String finalText(String metric) {
        Double v = finals.get(metric);
        return v == null ? "" : String.format(Locale.ROOT, "%.4g", v);
    }

}
