package org.rlaif.workbench.domain;

/**
 * Where a policy came from: fine-tuned here (SFT), trained with RL against a reward (RL), the best of n samples
 * picked by a reward model (BEST_OF_N), an untrained starting model (BASE), a model asked over an OpenAI-compatible
 * API to write responses (TEACHER), or a name that came with imported outputs (IMPORTED).
 */
public enum PolicyKind {
    SFT, RL, BEST_OF_N, BASE, TEACHER, IMPORTED
}
