package org.rlaif.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunArtifact;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RunRecovery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = {
        "List the project's runs (imports are not runs; labeling and training runs are) with their kind, state,",
        "label source and final metrics; `runs show ID` prints one run's spec, metrics, artifacts and log."},
        subcommands = RunsCommand.Show.class)
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    // not the shared mixin: a required option of this command would be demanded before `runs show --help` is read;
    // inherited, so `runs show 3 -p FILE` works as well as `runs -p FILE show 3`
    @Option(names = {"-p", "--project"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "project file (*.rlaif, SQLite); required")
    java.nio.file.Path projectFile;

    ProjectStore openProject() {
        if (projectFile == null) {
            throw new CliFailure("Missing required option: '--project=FILE'");
        }
        ProjectOption p = new ProjectOption();
        p.project = projectFile;
        return p.openExisting();
    }

    @Option(names = "--json", description = "the list as JSON")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = openProject()) {
            RunRecovery.markInterrupted(store);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Run r : store.read(c -> store.runs().list(c))) {
                Map<String, Double> last = store.read(c -> store.runs().finalMetrics(c, r.id()));
                rows.add(summary(r, last));
            }
            if (json) {
                JsonOutput.print(out, rows);
            } else if (rows.isEmpty()) {
                out.println("no runs yet");
            } else {
                out.printf("%5s  %-13s %-11s %-22s %9s  %s%n", "id", "kind", "state", "label source", "duration",
                        "final metrics");
                for (Map<String, Object> r : rows) {
                    out.printf(Locale.ROOT, "%5d  %-13s %-11s %-22s %9s  %s%n", r.get("id"), r.get("kind"),
                            r.get("state"), r.get("label_source") == null ? "-" : r.get("label_source"),
                            duration((Long) r.get("duration_ms")), headline(castMetrics(r.get("final_metrics"))));
                }
            }
            out.flush();
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> castMetrics(Object o) {
        return (Map<String, Double>) o;
    }

    static Map<String, Object> summary(Run r, Map<String, Double> last) {
        JsonNode spec = readSpec(r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("name", r.name());
        m.put("state", r.state().name().toLowerCase(Locale.ROOT));
        m.put("label_source", spec.hasNonNull("label_source") ? spec.get("label_source").asText() : null);
        m.put("backbone", spec.hasNonNull("backbone") ? spec.get("backbone").asText() : null);
        m.put("device", spec.path("environment").path("device").path("type").asText(null));
        m.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("duration_ms", r.duration(Instant.now()) == null ? null : r.duration(Instant.now()).toMillis());
        m.put("done", r.done());
        m.put("total", r.total());
        m.put("message", r.message());
        m.put("final_metrics", last);
        m.put("held_out_agreement_with_humans", last.get("eval/human_agreement"));
        return m;
    }

    private static JsonNode readSpec(Run r) {
        try {
            return Json.mapper().readTree(r.specJson());
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String duration(Long ms) {
        if (ms == null) {
            return "-";
        }
        long s = ms / 1000;
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The few final figures worth a column: loss, accuracy, held-out agreement. */
    private static String headline(Map<String, Double> last) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("train/loss", "eval/accuracy", "eval/human_agreement", "label/done",
                "label/failed")) {
            if (last.containsKey(name)) {
                parts.add(String.format(Locale.ROOT, "%s %.4g", name, last.get(name)));
            }
        }
        return String.join(", ", parts);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run: spec, final metrics, artifacts, log tail.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @CommandLine.ParentCommand
        RunsCommand parent;
        @Parameters(paramLabel = "ID", description = "the run's id (see `runs`)")
        long id;
        @Option(names = "--log", paramLabel = "N", defaultValue = "30", description = "log lines to show (default: ${DEFAULT-VALUE})")
        int logLines;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ProjectStore store = parent.openProject()) {
                RunRecovery.markInterrupted(store);
                Run r = store.read(c -> store.runs().find(c, id))
                        .orElseThrow(() -> new CliFailure("there is no run #" + id + " in this project"));
                Map<String, Double> last = store.read(c -> store.runs().finalMetrics(c, id));
                List<RunArtifact> artifacts = store.read(c -> store.runs().artifacts(c, id));
                List<String> log = store.read(c -> store.runs().logTail(c, id, logLines));
                Map<String, Object> m = summary(r, last);
                m.put("spec", readSpec(r));
                m.put("artifacts", artifacts.stream().map(a -> Map.of("kind", a.kind(), "path", a.path())).toList());
                m.put("log", log);
                if (parent.json) {
                    JsonOutput.print(out, m);
                } else {
                    out.printf("run #%d %s (%s): %s%n", r.id(), r.name(), r.kind(), m.get("state"));
                    out.println("  " + (r.message() == null ? "" : r.message().replace("\n", "\n  ")));
                    out.println("spec:");
                    out.println("  " + Json.mapper().valueToTree(m.get("spec")).toPrettyString().replace("\n", "\n  "));
                    out.println("final metrics:");
                    last.forEach((k, v) -> out.printf(Locale.ROOT, "  %-28s %.6g%n", k, v));
                    out.println("artifacts:");
                    artifacts.forEach(a -> out.printf("  %-13s %s%n", a.kind(), a.path()));
                    out.println("log (last " + log.size() + " lines):");
                    log.forEach(l -> out.println("  " + l));
                }
                out.flush();
                return 0;
            }
        }
    }
}
