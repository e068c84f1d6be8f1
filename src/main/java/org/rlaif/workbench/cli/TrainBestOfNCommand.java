package org.rlaif.workbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.training.policy.PolicyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "best-of-n", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "The cheap baseline against RL: n samples per prompt from a policy, the reward picks one. The picks are",
        "stored as the outputs of a new policy (kind BEST_OF_N) on the held-out prompts (seeded); a prompt none of",
        "whose samples got a reward is left out, never given an unjudged response."},
        footer = {"", "Example:", "  rlaif-workbench train best-of-n -p hh.rlaif --from 3 --reward 2 --n 8"})
final class TrainBestOfNCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--from", required = true, paramLabel = "RUN", description = "the sft or rl run whose policy samples")
    Long from;
    @Option(names = "--reward", required = true, paramLabel = "RUN|judge:NAME",
            description = "a reward-model run, or an AI labeler rating each sample")
    String reward;
    @Option(names = "--n", paramLabel = "N", defaultValue = "4", description = "samples per prompt (default: ${DEFAULT-VALUE})")
    int n;
    @Option(names = "--prompts", paramLabel = "test|train", defaultValue = "test",
            description = "which prompts (default: the held-out ones)")
    String prompts;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N prompts (default: all)")
    int limit;
    @Option(names = "--rating-template", paramLabel = "FILE", description = "a judge's rating prompts of your own")
    Path ratingTemplate;
    @Option(names = "--name", paramLabel = "NAME", description = "the policy's name (default: bonN-REWARDSOURCE-runID)")
    String name;
    @Option(names = "--json", description = "every event as a JSON line, then the result")
    boolean json;
    @Mixin
    PolicyRunOptions options;

    @Override
    public Integer call() {
        PolicyRequest.BestOfN request = new PolicyRequest.BestOfN(from, reward, n, PolicyRunner.split(prompts), limit, name,
                ratingTemplate, options.settings());
        return PolicyRunner.execute(project, request, options.python(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), json, ApiKeySource.system());
    }
}
