package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.training.AppDataFolder;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Runs reward-model requests in the foreground for the command line: checks first (a bad request changes nothing),
 * shows the run as it goes, stops it gracefully on Ctrl-C, and reports the held-out agreement with humans.
 */
final class RewardModelRunner {
    /** One finished request, as the commands print it. */
    record Done(RewardModelTraining.Result result, HeldOutAgreement heldOut) {
        boolean ok() {
            return result.outcome().succeeded();
        }
    }

    private final ProjectStore store;
    private final TrainingEnvironment env;
    private final RunConsole console;

    RewardModelRunner(ProjectStore store, Path python, PrintWriter out, PrintWriter err, boolean json) {
        this.store = store;
        this.env = TrainingEnvironment.locate(AppDataFolder.get(), python);
        this.console = new RunConsole(out, err, json);
    }

    EnvironmentCheck check() {
        return EnvironmentCheck.of(env);
    }

    RewardModelTraining.Prepared prepare(RewardModelRequest request, EnvironmentCheck check) {
        try {
            return training().prepare(request, check);
        } catch (TrainingSetupException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private RewardModelTraining training() {
        return new RewardModelTraining(store, env, RewardModelTraining.DJL);
    }

    Done run(RewardModelTraining.Prepared prepared) {
        RewardModelTraining.Result result = ForegroundRun.stoppedByCtrlC(prepared.request().stopGrace(),
                started -> training().run(prepared, console, r -> {
                    started.accept(r);
                    console.runId(r.runId());
                }, n -> { }, () -> false));
        console.clear();
        HeldOutAgreement heldOut = result.labeler() == null ? null
                : HeldOutAgreement.of(store, result.labeler().labeler().id(),
                result.runFolder().resolve("eval.jsonl"));
        Done done = new Done(result, heldOut);
        console.result(toJson(done));
        return done;
    }

    static Map<String, Object> toJson(Done d) {
        RewardModelTraining.Result r = d.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.outcome().runId());
        m.put("state", r.outcome().state().name().toLowerCase(Locale.ROOT));
        m.put("message", r.outcome().message());
        m.put("folder", r.runFolder().toString());
        m.put("split", r.counts().splitRule());
        m.put("pairs_trained", r.counts().trained());
        m.put("pairs_held_out", r.counts().evaluated());
        m.put("labeler", r.labeler() == null ? null : r.labeler().labeler().name());
        m.put("pairs_scored", r.labeler() == null ? 0 : r.labeler().labeled());
        if (d.heldOut() != null && d.heldOut().pairs() > 0) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("pairs", d.heldOut().pairs());
            h.put("agreement", d.heldOut().agreement());
            h.put("ci95", new double[] {d.heldOut().ci95().lo(), d.heldOut().ci95().hi()});
            m.put("held_out_agreement_with_humans", h);
        }
        return m;
    }

    static void printText(PrintWriter out, Done d) {
        RewardModelTraining.Result r = d.result();
        out.printf("run #%d %s: %s%n", r.outcome().runId(), r.outcome().state().name().toLowerCase(Locale.ROOT),
                r.outcome().message());
        out.println("  data: " + r.counts().describe());
        if (r.labeler() != null) {
            out.printf(Locale.ROOT, "  labeler '%s' scored %,d pairs%n", r.labeler().labeler().name(),
                    r.labeler().labeled());
        }
        if (d.heldOut() != null && d.heldOut().pairs() > 0) {
            out.printf(Locale.ROOT, "  held-out agreement with humans: %.1f%% [%.1f, %.1f] over %,d pairs%n",
                    100 * d.heldOut().agreement(), 100 * d.heldOut().ci95().lo(), 100 * d.heldOut().ci95().hi(),
                    d.heldOut().pairs());
        }
        out.println("  folder: " + r.runFolder());
    }
}
