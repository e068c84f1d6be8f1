package org.rlaif.workbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.OsKeyring;
import org.rlaif.workbench.training.policy.PolicyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rl", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "RL from a policy with a KL penalty to it (TRL's RLOO by default, GRPO as an option) against a reward:",
        "a reward-model run (RLAIF when it was trained on AI labels, RLHF on human ones), or judge:NAME, an AI",
        "labeler of the project rating each response 1-10 (direct-RLAIF), served by the app over loopback through",
        "its labeling client (retries, rate limits; a failed rating drops the sample, never a made-up reward).",
        "Every completion is stored as a sample of the run; checkpoints every --save-steps; Ctrl-C stops after the",
        "current step and saves. --resume RUN continues a stopped, failed or interrupted rl run from its last",
        "checkpoint, with its own settings."},
        footer = {"", "Examples:",
                "  rlaif-workbench train rl -p hh.rlaif --from 3 --reward 2 --max-steps 100",
                "  rlaif-workbench train rl -p hh.rlaif --from 3 --reward judge:qwen7b --kl 0.05",
                "  rlaif-workbench train rl -p hh.rlaif --resume 7"})
final class TrainRlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--from", paramLabel = "RUN", description = "the sft (or rl) run whose policy to start from")
    Long from;
    @Option(names = "--reward", paramLabel = "RUN|judge:NAME", description = "a reward-model run, or an AI labeler"
            + " rating each response")
    String reward;
    @Option(names = "--algorithm", paramLabel = "rloo|grpo", description = "RL algorithm (default: rloo)")
    String algorithm;
    @Option(names = "--kl", paramLabel = "BETA", description = "KL coefficient to the starting policy (default 0.05)")
    Double kl;
    @Option(names = "--generations", paramLabel = "N", description = "completions per prompt, the group that is its"
            + " own baseline (default 4)")
    Integer generations;
    @Option(names = "--rating-template", paramLabel = "FILE", description = "a judge's rating prompts of your own"
            + " (sections per task, with {context} and {response}; see resources/prompts/rating.txt)")
    Path ratingTemplate;
    @Option(names = "--resume", paramLabel = "RUN", description = "continue this rl run from its last checkpoint")
    Long resume;
    @Option(names = "--name", paramLabel = "NAME", description = "the policy's name (default: rl-REWARDSOURCE-runID)")
    String name;
    @Option(names = "--json", description = "every event as a JSON line, then the result")
    boolean json;
    @Mixin
    PolicyRunOptions options;

    private final Function<String, String> environment;

    TrainRlCommand() {
        this(System::getenv);
    }

    /** For tests: the environment a judge's API key variable is read from. */
    TrainRlCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PolicyRequest.Rl request = new PolicyRequest.Rl(from, reward, algorithm, kl, generations, resume, name,
                ratingTemplate, options.settings());
        return PolicyRunner.execute(project, request, options.python(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), json, new ApiKeySource(environment, OsKeyring.system()));
    }
}
