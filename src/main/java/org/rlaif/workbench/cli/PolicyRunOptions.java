package org.rlaif.workbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.TrainingHyper;
import org.rlaif.workbench.training.policy.PolicySettings;
import picocli.CommandLine.Option;

/** The settings every policy run takes: train sft, train rl, train best-of-n and generate. */
final class PolicyRunOptions {
    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "where to run (default: auto = CUDA when there is one)")
    String device;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "20231201",
            description = "seeds the model, the data order and sampling (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data (sft: samples; rl: prompts)")
    Double epochs;
    @Option(names = "--max-steps", paramLabel = "N", description = "stop after N optimizer steps")
    Integer maxSteps;
    @Option(names = "--batch-size", paramLabel = "N", description = "samples per step (rl: completions, a multiple of"
            + " --generations)")
    Integer batchSize;
    @Option(names = "--learning-rate", paramLabel = "LR", description = "peak learning rate")
    Double learningRate;
    @Option(names = "--max-length", paramLabel = "TOKENS", description = "sft: longest sample; others: longest prompt"
            + " (longer ones lose their start, counted)")
    Integer maxLength;
    @Option(names = "--eval-steps", paramLabel = "N", description = "sft: held-out loss every N steps")
    Integer evalSteps;
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
    @Option(names = "--lora-r", paramLabel = "R", description = "sft, rl: train low-rank adapters of rank R (the"
            + " saved policy is merged)")
    Integer loraR;
    @Option(names = "--lora-alpha", paramLabel = "A", defaultValue = "32", description = "LoRA scale (default: ${DEFAULT-VALUE})")
    int loraAlpha;
    @Option(names = "--lora-dropout", paramLabel = "P", defaultValue = "0.05", description = "LoRA dropout (default: ${DEFAULT-VALUE})")
    double loraDropout;
    @Option(names = "--models", paramLabel = "DIR", description = "where run folders go (default: PROJECT.models/ beside the project)")
    Path models;
    @Option(names = "--python", paramLabel = "PATH", description = "run with this Python instead of the app's"
            + " environment (also RLAIF_PYTHON)")
    Path python;
    @Option(names = "--stop-grace", paramLabel = "SECONDS", defaultValue = "60",
            description = "after a stop (Ctrl-C), how long the trainer may take to save before it is killed")
    long stopGrace;
    @Option(names = "--silence-limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "a trainer silent this long counts as hung and is killed (default: ${DEFAULT-VALUE})")
    long silenceLimit;

    PolicySettings settings() {
        RewardModelRequest.LoraSettings lora = loraR == null ? null
                : new RewardModelRequest.LoraSettings(loraR, loraAlpha, loraDropout);
        return new PolicySettings(device, seed,
                new TrainingHyper(epochs, maxSteps, batchSize, learningRate, maxLength, evalSteps), saveSteps,
                new PolicySettings.Generation(maxNewTokens, temperature, topP, generateBatch), lora, models,
                Duration.ofSeconds(stopGrace), Duration.ofSeconds(silenceLimit));
    }
}
