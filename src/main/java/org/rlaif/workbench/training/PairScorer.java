package org.rlaif.workbench.training;

import java.util.List;

/**
 * Scores responses with a trained reward model: the reward of each (prompt, response), in the trainer's own units.
 * The app's implementation is {@link RewardModelScorer} (DJL over the model's ONNX export); the Bradley–Terry
 * preference between two responses is then σ(r_A − r_B).
 */
public interface PairScorer extends AutoCloseable {
    /** One reward per text, in order. */
    float[] score(List<RewardModelScorer.Text> texts);

    @Override
    void close();
}
