package org.rlaif.workbench.cli;

import org.rlaif.workbench.training.RewardModelTraining;

/** The scorer the command line gives reward-model runs: DJL over the model's ONNX export. */
final class RewardScoring {
    private RewardScoring() {
    }

    static RewardModelTraining.ScorerFactory factory() {
        return null; // wired to the DJL scorer when it lands
    }
}
