package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.RunRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reward-model", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Train a reward model (Bradley-Terry, TRL's RewardTrainer) on one label source, evaluate it on held-out",
        "pairs against the human labels, and make it a labeler of the project (kind REWARD_MODEL, P(A) = sigmoid(rA - rB)).",
        "The run, its metrics and its log are stored in the project as they come; Ctrl-C stops after the current",
        "step and saves."},
        footer = {"", "Label sources (--labels): NAME (one labeler), humans, ai, adjudicated, agreed, agreed:NAME",
                "", "Example (offline, CPU, minutes):",
                "  rlaif-workbench train reward-model -p sample-projects/pandalm.rlaif --labels gpt-3.5-turbo --backbone tiny"})
final class TrainRewardModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--labels", required = true, paramLabel = "SOURCE", description = "whose preferences to train on")
    String labels;
    @Option(names = "--name", paramLabel = "TEXT", description = "the run's name (default: reward model on SOURCE)")
    String name;
    @Option(names = "--json", description = "every event as a JSON line, then the result")
    boolean json;
    @Mixin
    RewardModelOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = project.openExisting()) {
            RunRecovery.markInterrupted(store);
            RewardModelRunner runner = new RewardModelRunner(store, options.python(), out, spec.commandLine().getErr(),
                    json);
            RewardModelTraining.Prepared prepared = runner.prepare(options.request(labels, name), null);
            RewardModelRunner.Done done = runner.run(prepared);
            if (!json) {
                RewardModelRunner.printText(out, done);
            }
            return done.ok() ? 0 : 1;
        }
    }
}
