package org.rlaif.workbench.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunArtifact;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunTail;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.training.HeldOutScores;
import org.rlaif.workbench.training.RewardModelTraining;

/**
 * Reads what changed in the project's runs since the window last looked: the run list (cheap: one row per run), and
 * only for the runs on screen what they stored since (by rowid and sequence number, {@link RunTail}). A run of this
 * window and a run of a {@code train} command in another process are read the same way, because both store every
 * event as it arrives (decision 41). Runs on a job thread; one read at a time.
 */
final class RunFeed {
    static final int LOG_LINES = 500;
    static final int SAMPLES = 200;

    /**
     * What the window has, so that a read costs only what is new.
     *
     * @param known        the rows from the last read, by run id
     * @param chartCursors the charted runs and the last metric rowid read for each (0: nothing read yet)
     * @param focused      the run whose log and samples show, or null
     * @param logCursor    the last log line read of the focused run (-1: none)
     * @param sampleCursor the last sample read of the focused run (-1: none)
     */
    record Request(Map<Long, RunRow> known, Map<Long, Long> chartCursors, Long focused, long logCursor,
                   long sampleCursor) {
        Request {
            known = Map.copyOf(known);
            chartCursors = Map.copyOf(chartCursors);
        }
    }

    /**
     * What was read.
     *
     * @param rows    every run, newest first
     * @param metrics new metric points of charted runs that may have some (absent: none looked for)
     * @param log     new log lines of the focused run (null: not looked at)
     * @param samples new samples of the focused run (null: not looked at)
     */
    record Update(Request request, List<RunRow> rows, Map<Long, RunTail.Metrics> metrics, RunTail.Lines log,
                  List<RunSample> samples) {
    }

    private final RunTail tail = new RunTail();
    private final Set<Long> heldOutTried = ConcurrentHashMap.newKeySet();

    Update read(ProjectStore store, Request r) {
        List<Run> runs = store.read(c -> store.runs().list(c));
        List<RunRow> rows = new ArrayList<>(runs.size());
        for (Run run : runs) {
            rows.add(row(store, run, r.known().get(run.id())));
        }
        Map<Long, RunTail.Metrics> metrics = new LinkedHashMap<>();
        r.chartCursors().forEach((id, cursor) -> {
            RunRow before = r.known().get(id);
            if (cursor <= 0 || before == null || before.isLive()) {
                metrics.put(id, store.read(c -> tail.metricsAfter(c, id, cursor)));
            }
        });
        RunTail.Lines log = null;
        List<RunSample> samples = null;
        Long f = r.focused();
        if (f != null) {
            RunRow before = r.known().get(f);
            if (r.logCursor() < 0 || before == null || before.isLive()) {
                log = store.read(c -> tail.logAfter(c, f, r.logCursor(), LOG_LINES));
                samples = store.read(c -> tail.samplesAfter(c, f, r.sampleCursor(), SAMPLES));
            }
        }
        return new Update(r, rows, metrics, log, samples);
    }

    /**
     * A finished run read before is not read again; a live or new one gets its final figures afresh, and a reward
     * model with a result its held-out agreement, once (it never changes, and a project's runs are not re-read
     * from another project: a feed serves one project).
     */
    private RunRow row(ProjectStore store, Run run, RunRow before) {
        if (before != null && before.run().equals(run) && run.state().isTerminal()) {
            return before;
        }
        Map<String, Double> finals = store.read(c -> store.runs().finalMetrics(c, run.id()));
        RunRow row = RunRow.of(run, finals, null);
        if (run.kind().equals(RewardModelTraining.KIND) && run.state().hasResult() && heldOutTried.add(run.id())) {
            return row.withHeldOut(heldOut(store, row));
        }
        return before != null && before.heldOut() != null ? row.withHeldOut(before.heldOut()) : row;
    }

    /**
     * The held-out agreement with humans and its interval: from the trainer's scores of the held-out pairs, or,
     * where they are gone, from the labeler the model became. Null when neither is there (a stopped run exports
     * no scores; a deleted models folder).
     */
    static HeldOutAgreement heldOut(ProjectStore store, RunRow row) {
        JsonNode spec = row.spec();
        String evalPath = spec.path("data").path("eval").asText("");
        if (evalPath.isEmpty() || !Files.isRegularFile(Path.of(evalPath))) {
            return null;
        }
        Path eval = Path.of(evalPath);
        try {
            for (RunArtifact a : store.read(c -> store.runs().artifacts(c, row.id()))) {
                if (a.kind().equals("scores") && Files.isRegularFile(Path.of(a.path()))) {
                    return HeldOutScores.of(eval, Path.of(a.path()));
                }
            }
            for (Labeler l : store.listLabelers()) {
                if (l.kind() == LabelerKind.REWARD_MODEL
                        && Json.mapper().readTree(l.configJson()).path("run_id").asLong(-1) == row.id()) {
                    return HeldOutAgreement.of(store, l.id(), eval);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null; // a figure the table cannot show; the run's own metrics still do
        }
        return null;
    }
}
