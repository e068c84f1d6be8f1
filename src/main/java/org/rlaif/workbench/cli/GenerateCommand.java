package org.rlaif.workbench.cli;

import java.util.concurrent.Callable;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.training.policy.PolicyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "A policy of the project (the one an sft or rl run made) writes one response (seeded) for each held-out",
        "prompt it has not answered yet; the responses are stored as that policy's outputs, ready to be judged head",
        "to head. Running it again asks only for prompts still without an output."},
        footer = {"", "Example:", "  rlaif-workbench generate -p hh.rlaif --run 7 --prompts test"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "the sft or rl run whose policy writes")
    long run;
    @Option(names = "--prompts", paramLabel = "test|train", defaultValue = "test",
            description = "which prompts (default: the held-out ones)")
    String prompts;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N prompts (default: all)")
    int limit;
    @Option(names = "--json", description = "every event as a JSON line, then the result")
    boolean json;
    @Mixin
    PolicyRunOptions options;

    @Override
    public Integer call() {
        return PolicyRunner.execute(project, new PolicyRequest.Generate(run, PolicyRunner.split(prompts), limit,
                options.settings()), options.python(), spec.commandLine().getOut(), spec.commandLine().getErr(), json,
                ApiKeySource.system());
    }
}
