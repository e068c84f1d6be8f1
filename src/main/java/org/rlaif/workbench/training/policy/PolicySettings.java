package org.rlaif.workbench.training.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.TrainerLaunch;
import org.rlaif.workbench.training.TrainingHyper;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * What every policy run is asked besides its own inputs: device, seed, hyperparameters, how the policy writes
 * (generation), adapters, checkpoints, where its folder goes and how long it may take to stop or stay silent. Null
 * fields take defaults.
 *
 * @param saveSteps    write a checkpoint every N steps (sft, rl); null: the default for the run's kind
 * @param modelsFolder where the run's folder goes, or null for {@code <project>.models/}
 */
public record PolicySettings(String device, long seed, TrainingHyper hyper, Integer saveSteps, Generation generation,
                             RewardModelRequest.LoraSettings lora, Path modelsFolder, Duration stopGrace,
                             Duration silenceLimit) {
    static final Set<String> DEVICES = Set.of("auto", "cpu", "cuda");

    public PolicySettings {
        device = device == null ? "auto" : device.strip().toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(device)) {
            throw new TrainingSetupException("unknown device '" + device + "': use auto, cpu or cuda");
        }
        hyper = hyper == null ? TrainingHyper.DEFAULTS : hyper;
        generation = generation == null ? Generation.DEFAULTS : generation;
        if (saveSteps != null && saveSteps < 0) {
            throw new TrainingSetupException("--save-steps must be 0 (only when stopped) or positive, got " + saveSteps);
        }
        stopGrace = stopGrace == null ? TrainerLaunch.DEFAULT_STOP_GRACE : stopGrace;
        silenceLimit = silenceLimit == null ? TrainerLaunch.DEFAULT_SILENCE_LIMIT : silenceLimit;
    }

    public static PolicySettings defaults() {
        return new PolicySettings("auto", RewardModelRequest.DEFAULT_SEED, null, null, null, null, null, null, null);
    }

    public PolicySettings withModelsFolder(Path folder) {
        return new PolicySettings(device, seed, hyper, saveSteps, generation, lora, folder, stopGrace, silenceLimit);
    }

    /**
     * How a policy writes (decision 22's {@code generation}); null fields take the trainers' defaults.
     *
     * @param temperature 0 is greedy (generate and best-of-n only: RL samples its rollouts)
     * @param batchSize   prompts per generate call
     */
    public record Generation(Integer maxNewTokens, Double temperature, Double topP, Integer batchSize) {
        public static final Generation DEFAULTS = new Generation(null, null, null, null);
        static final int DEFAULT_MAX_NEW_TOKENS = 64;

        public Generation {
            if (maxNewTokens != null && maxNewTokens < 1) {
                throw new TrainingSetupException("--max-new-tokens must be at least 1, got " + maxNewTokens);
            }
            if (temperature != null && !(temperature >= 0 && temperature <= 10)) {
                throw new TrainingSetupException("--temperature must be between 0 (greedy) and 10, got " + temperature);
            }
            if (topP != null && !(topP > 0 && topP <= 1)) {
                throw new TrainingSetupException("--top-p must be in (0, 1], got " + topP);
            }
            if (batchSize != null && batchSize < 1) {
                throw new TrainingSetupException("--generate-batch must be at least 1, got " + batchSize);
            }
        }

        int newTokens() {
            return maxNewTokens != null ? maxNewTokens : DEFAULT_MAX_NEW_TOKENS;
        }
    }
}
