package org.rlaif.workbench.training;

import java.util.List;

/**
 * Scores responses with a trained reward model: the reward of each (prompt, response), in the trainer's own units.
 * The app's implementation runs the model's ONNX export through DJL; the Bradley–Terry preference between two
 * responses is then σ(r_A − r_B).
 */
public interface PairScorer extends AutoCloseable {
    /** One reward per (prompts[i], responses[i]). */
    float[] score(List<String> prompts, List<String> responses);

    @Override
    void close();
}
