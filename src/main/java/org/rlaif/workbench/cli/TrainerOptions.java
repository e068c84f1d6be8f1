package org.rlaif.workbench.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.TrainingHyper;
import picocli.CommandLine.Option;

/** What every training command takes: device, hyperparameters, adapters, where folders go, the Python, stop limits. */
final class TrainerOptions {
    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "where to train (default: auto = CUDA when there is one)")
    String device;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data")
    Double epochs;
    @Option(names = "--max-steps", paramLabel = "N", description = "stop after N optimizer steps")
    Integer maxSteps;
    @Option(names = "--batch-size", paramLabel = "N", description = "samples (pairs, completions) per step")
    Integer batchSize;
    @Option(names = "--learning-rate", paramLabel = "LR", description = "peak learning rate")
    Double learningRate;
    @Option(names = "--max-length", paramLabel = "TOKENS", description = "longest sequence (prompt, for runs that"
            + " generate); longer ones lose the start of their context (counted), never the sample")
    Integer maxLength;
    @Option(names = "--eval-steps", paramLabel = "N", description = "evaluate on the held-out data every N steps")
    Integer evalSteps;
    @Option(names = "--lora-r", paramLabel = "R", description = "train low-rank adapters of rank R instead of every weight")
    Integer loraR;
    @Option(names = "--lora-alpha", paramLabel = "A", defaultValue = "32", description = "LoRA scale (default: ${DEFAULT-VALUE})")
    int loraAlpha;
    @Option(names = "--lora-dropout", paramLabel = "P", defaultValue = "0.05", description = "LoRA dropout (default: ${DEFAULT-VALUE})")
    double loraDropout;
    @Option(names = "--models", paramLabel = "DIR", description = "where run folders go (default: PROJECT.models/ beside the project)")
    Path models;
    @Option(names = "--python", paramLabel = "PATH", description = "train with this Python instead of the app's"
            + " environment (also RLAIF_PYTHON)")
    Path python;
    @Option(names = "--stop-grace", paramLabel = "SECONDS", defaultValue = "60",
            description = "after a stop (Ctrl-C), how long the trainer may take to save before it is killed")
    long stopGrace;
    @Option(names = "--silence-limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "a trainer silent this long counts as hung and is killed (default: ${DEFAULT-VALUE})")
    long silenceLimit;

    TrainingHyper hyper() {
        return new TrainingHyper(epochs, maxSteps, batchSize, learningRate, maxLength, evalSteps);
    }

    RewardModelRequest.LoraSettings lora() {
        return loraR == null ? null : new RewardModelRequest.LoraSettings(loraR, loraAlpha, loraDropout);
    }

    Duration stopGraceDuration() {
        return Duration.ofSeconds(stopGrace);
    }

    Duration silenceLimitDuration() {
        return Duration.ofSeconds(silenceLimit);
    }
}
