package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.AppDataFolder;
import org.rlaif.workbench.training.RunRecovery;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;
import org.rlaif.workbench.training.policy.PolicyRequest;
import org.rlaif.workbench.training.policy.PolicyTraining;

/**
 * Runs a policy request in the foreground for the command line: checks first (a bad request changes nothing and
 * exits 1), shows the run as it goes (with {@code --json}, every event as a line, then the result), stops it
 * gracefully on Ctrl-C, and says what the project gained: a policy, outputs.
 */
final class PolicyRunner {
    private final ProjectStore store;
    private final TrainingEnvironment env;
    private final RunConsole console;
    private final PrintWriter out;
    private final boolean json;
    private final ApiKeySource keys;

    PolicyRunner(ProjectStore store, java.nio.file.Path python, PrintWriter out, PrintWriter err, boolean json,
                 ApiKeySource keys) {
        this.store = store;
        this.env = TrainingEnvironment.locate(AppDataFolder.get(), python);
        this.console = new RunConsole(out, err, json);
        this.out = out;
        this.json = json;
        this.keys = keys;
    }

    /** Prepares and runs one request; returns the command's exit status. */
    static int execute(ProjectOption project, PolicyRequest request, java.nio.file.Path python, PrintWriter out,
                       PrintWriter err, boolean json, ApiKeySource keys) {
        try (ProjectStore store = project.openExisting()) {
            RunRecovery.markInterrupted(store);
            return new PolicyRunner(store, python, out, err, json, keys).run(request);
        }
    }

    /** A --prompts value: train or test. */
    static org.rlaif.workbench.domain.Split split(String text) {
        try {
            return org.rlaif.workbench.domain.Split.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--prompts takes train or test, not '" + text + "'");
        }
    }

    int run(PolicyRequest request) {
        PolicyTraining training = new PolicyTraining(store, env, keys);
        PolicyTraining.Prepared prepared;
        try {
            prepared = training.prepare(request, null);
        } catch (TrainingSetupException e) {
            throw new CliFailure(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted before the run started; nothing was stored");
        }
        if (prepared.nothingToDo() != null) {
            if (json) {
                console.result(Map.of("state", "nothing-to-do", "message", prepared.nothingToDo()));
            } else {
                out.println(prepared.nothingToDo());
            }
            return 0;
        }
        PolicyTraining.Result result = ForegroundRun.stoppedByCtrlC(request.settings().stopGrace(),
                started -> training.run(prepared, console, r -> {
                    started.accept(r);
                    console.runId(r.runId());
                }));
        console.clear();
        console.result(toJson(prepared, result));
        if (!json) {
            printText(result);
        }
        out.flush();
        return result.outcome().succeeded() ? 0 : 1;
    }

    static Map<String, Object> toJson(PolicyTraining.Prepared p, PolicyTraining.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.outcome().runId());
        m.put("trainer", p.trainer());
        m.put("state", r.outcome().state().name().toLowerCase(Locale.ROOT));
        m.put("message", r.outcome().message());
        m.put("folder", r.folder() == null ? null : r.folder().toString());
        m.put("data", r.data());
        Policy policy = r.policy();
        m.put("policy", policy == null ? null : policy.name());
        m.put("policy_id", policy == null ? null : policy.id());
        m.put("policy_kind", policy == null ? null : policy.kind().name());
        m.put("outputs_stored", r.outputs());
        m.put("judge", r.judge());
        return m;
    }

    private void printText(PolicyTraining.Result r) {
        out.printf("run #%d %s: %s%n", r.outcome().runId(), r.outcome().state().name().toLowerCase(Locale.ROOT),
                r.outcome().message());
        out.println("  data: " + r.data());
        if (r.policy() != null) {
            out.printf(Locale.ROOT, "  policy '%s' (%s)%s%n", r.policy().name(), r.policy().kind(),
                    r.outputs() > 0 ? String.format(Locale.ROOT, ": %,d outputs stored", r.outputs()) : "");
        }
        if (r.judge() != null) {
            out.printf(Locale.ROOT, "  judge: %s rated %s responses, %s failed (dropped), %s retries%n",
                    r.judge().get("judge"), r.judge().get("rewarded"), r.judge().get("failed"),
                    r.judge().get("retries"));
        }
        if (r.folder() != null) {
            out.println("  folder: " + r.folder());
        }
    }
}
