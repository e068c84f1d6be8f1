package org.rlaif.workbench.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a reward-model run is asked to do: train on {@code labels} (a label source, as the exporter names them), from
 * {@code backbone} ({@code tiny}, a Hugging Face id or a model folder), on {@code device} (auto, cpu or cuda).
 *
 * @param name         the run's name in the project, or null for "reward model on LABELS"
 * @param modelsFolder where the run's folder goes, or null for {@code <project>.models/}
 * @param lora         low-rank adaptation instead of full fine-tuning, or null
 */
public record RewardModelRequest(String labels, String backbone, String device, long seed, TrainingHyper hyper,
                                 LoraSettings lora, String name, Path modelsFolder, Duration stopGrace,
                                 Duration silenceLimit) {
    public static final long DEFAULT_SEED = 20231201L;
    static final Set<String> DEVICES = Set.of("auto", "cpu", "cuda");

    public RewardModelRequest {
        Objects.requireNonNull(labels, "labels");
        backbone = backbone == null || backbone.isBlank() ? "tiny" : backbone.strip();
        device = device == null ? "auto" : device.strip().toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(device)) {
            throw new TrainingSetupException("unknown device '" + device + "': use auto, cpu or cuda");
        }
        hyper = hyper == null ? TrainingHyper.DEFAULTS : hyper;
        stopGrace = stopGrace == null ? TrainerLaunch.DEFAULT_STOP_GRACE : stopGrace;
        silenceLimit = silenceLimit == null ? TrainerLaunch.DEFAULT_SILENCE_LIMIT : silenceLimit;
    }

    /** A request with every setting at its default but the label source. */
    public static RewardModelRequest of(String labels) {
        return new RewardModelRequest(labels, "tiny", "auto", DEFAULT_SEED, null, null, null, null, null, null);
    }

    public RewardModelRequest withLabels(String other) {
        return new RewardModelRequest(other, backbone, device, seed, hyper, lora, null, modelsFolder, stopGrace,
                silenceLimit);
    }

    /** Rank, scale and dropout of low-rank adapters (peft). */
    public record LoraSettings(int r, int alpha, double dropout) {
        public LoraSettings {
            if (r <= 0 || alpha <= 0 || dropout < 0 || dropout >= 1) {
                throw new TrainingSetupException("LoRA needs r > 0, alpha > 0 and 0 <= dropout < 1");
            }
        }
    }
}
