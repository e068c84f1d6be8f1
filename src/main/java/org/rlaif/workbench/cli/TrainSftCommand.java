package org.rlaif.workbench.cli;

import java.util.concurrent.Callable;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.training.policy.PolicyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sft", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Fine-tune a policy (TRL's SFTTrainer, the loss on the response only) on the chosen responses of a label",
        "source, or on a teacher's responses (teacher:NAME; see teach). Prompts of the training split are trained on,",
        "held-out ones give the held-out loss. The policy becomes a policy of the project (kind SFT)."},
        footer = {"", "Response sources (--responses): NAME (one labeler), humans, ai, adjudicated, agreed, agreed:NAME,",
                "teacher:NAME (a teacher's, or any policy's, outputs)",
                "", "Example (offline, CPU):",
                "  rlaif-workbench train sft -p hh.rlaif --responses humans --policy tiny --max-steps 50"})
final class TrainSftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--responses", required = true, paramLabel = "SOURCE|teacher:NAME",
            description = "what to fine-tune on")
    String responses;
    @Option(names = "--policy", paramLabel = "ID|FOLDER|tiny|NAME", defaultValue = "tiny",
            description = "the model to start from: a Hugging Face id, a causal LM folder, a policy of the project,"
                    + " or tiny (built offline; default)")
    String base;
    @Option(names = "--name", paramLabel = "NAME", description = "the policy's name (default: sft-SOURCE-runID)")
    String name;
    @Option(names = "--json", description = "every event as a JSON line, then the result")
    boolean json;
    @Mixin
    PolicyRunOptions options;

    @Override
    public Integer call() {
        return PolicyRunner.execute(project, new PolicyRequest.Sft(responses, base, name, options.settings()),
                options.python(), spec.commandLine().getOut(), spec.commandLine().getErr(), json, ApiKeySource.system());
    }
}
