package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.RunRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rlaif-vs-rlhf", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "The RLAIF paper's central comparison: two reward-model runs with identical settings (backbone, seed,",
        "held-out pairs), one on an AI label source and one on human labels, and their agreement with humans on the",
        "held-out pairs side by side with 95%% intervals. Both sources are checked before either run starts."},
        footer = {"", "Example:",
                "  rlaif-workbench train rlaif-vs-rlhf -p sample-projects/pandalm.rlaif --ai gpt-3.5-turbo --backbone tiny"})
final class RlaifVsRlhfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--ai", required = true, paramLabel = "SOURCE", description = "the AI label source (a labeler, or ai)")
    String ai;
    @Option(names = "--human", defaultValue = "humans", paramLabel = "SOURCE",
            description = "the human label source (default: ${DEFAULT-VALUE})")
    String human;
    @Option(names = "--json", description = "every event as a JSON line, then the comparison")
    boolean json;
    @Mixin
    RewardModelOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = project.openExisting()) {
            RunRecovery.markInterrupted(store);
            RewardModelRunner runner = new RewardModelRunner(store, options.python, out, spec.commandLine().getErr(),
                    json);
            EnvironmentCheck check = runner.check();
            RewardModelRequest aiRequest = options.request(ai, "RLAIF reward model on " + ai);
            RewardModelRequest humanRequest = options.request(human, "RLHF reward model on " + human);
            // both prepared before either starts: a bad second source must not cost the first run's time
            RewardModelTraining.Prepared aiPrepared = runner.prepare(aiRequest, check);
            RewardModelTraining.Prepared humanPrepared;
            try {
                humanPrepared = runner.prepare(humanRequest, check);
            } catch (CliFailure e) {
                deleteStaging(aiPrepared);
                throw e;
            }
            RewardModelRunner.Done rlaif = runner.run(aiPrepared);
            RewardModelRunner.Done rlhf = runner.run(humanPrepared);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "comparison");
                m.put("rlaif", RewardModelRunner.toJson(rlaif));
                m.put("rlhf", RewardModelRunner.toJson(rlhf));
                JsonOutput.print(out, m);
            } else {
                RewardModelRunner.printText(out, rlaif);
                RewardModelRunner.printText(out, rlhf);
                printTable(out, List.of(ai, human), List.of(rlaif, rlhf));
            }
            return rlaif.ok() && rlhf.ok() ? 0 : 1;
        }
    }

    private static void deleteStaging(RewardModelTraining.Prepared p) {
        try (var walk = java.nio.file.Files.walk(p.staging())) {
            for (var f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(f);
            }
        } catch (java.io.IOException ignored) {
            // a leftover staging folder starts with a dot and is never read
        }
    }

    private static void printTable(PrintWriter out, List<String> sources, List<RewardModelRunner.Done> runs) {
        out.println();
        out.println("| Reward model | Trained on | Held-out pairs | Agreement with humans | 95% CI |");
        out.println("|---|---|---:|---:|---:|");
        String[] kinds = {"RLAIF", "RLHF"};
        for (int i = 0; i < runs.size(); i++) {
            HeldOutAgreement h = runs.get(i).heldOut();
            if (h == null || h.pairs() == 0) {
                out.printf("| %s | %s | - | - | - |%n", kinds[i], sources.get(i));
            } else {
                out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f%% | [%.1f, %.1f] |%n", kinds[i], sources.get(i),
                        h.pairs(), 100 * h.agreement(), 100 * h.ci95().lo(), 100 * h.ci95().hi());
            }
        }
    }
}
