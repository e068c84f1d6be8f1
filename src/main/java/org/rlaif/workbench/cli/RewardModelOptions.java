package org.rlaif.workbench.cli;

import java.nio.file.Path;
import org.rlaif.workbench.training.RewardModelRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The settings of a reward-model run, shared by {@code train reward-model} and {@code train rlaif-vs-rlhf}. */
final class RewardModelOptions {
    @Option(names = "--backbone", paramLabel = "ID|FOLDER|tiny", defaultValue = "tiny",
            description = "model to start from: a Hugging Face id, a local model folder, or tiny (built offline;"
                    + " default)")
    String backbone;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "20231201",
            description = "seeds the holdout, the model's initialisation and the data order (default: ${DEFAULT-VALUE})")
    long seed;
    @Mixin
    TrainerOptions trainer;

    Path python() {
        return trainer.python;
    }

    RewardModelRequest request(String labels, String name) {
        return new RewardModelRequest(labels, backbone, trainer.device, seed, trainer.hyper(), trainer.lora(), name,
                trainer.models, trainer.stopGraceDuration(), trainer.silenceLimitDuration());
    }
}
