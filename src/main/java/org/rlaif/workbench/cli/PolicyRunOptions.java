package org.rlaif.workbench.cli;

import java.nio.file.Path;
import org.rlaif.workbench.training.policy.PolicySettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The settings every policy run takes: train sft, train rl, train best-of-n and generate. */
final class PolicyRunOptions {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "20231201",
            description = "seeds the model, the data order and sampling (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--save-steps", paramLabel = "N", description = "a checkpoint every N steps (default: rl 10, sft"
            + " only when stopped)")
    Integer saveSteps;
    @Option(names = "--max-new-tokens", paramLabel = "N", description = "longest response the policy writes"
            + " (default 64)")
    Integer maxNewTokens;
    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature (default 1; 0 = greedy,"
            + " not for rl)")
    Double temperature;
    @Option(names = "--top-p", paramLabel = "P", description = "nucleus sampling (default 1)")
    Double topP;
    @Option(names = "--generate-batch", paramLabel = "N", description = "prompts per generate call (default 16)")
    Integer generateBatch;
    @Mixin
    TrainerOptions trainer;

    Path python() {
        return trainer.python;
    }

    PolicySettings settings() {
        return new PolicySettings(trainer.device, seed, trainer.hyper(), saveSteps,
                new PolicySettings.Generation(maxNewTokens, temperature, topP, generateBatch), trainer.lora(),
                trainer.models, trainer.stopGraceDuration(), trainer.silenceLimitDuration());
    }
}
