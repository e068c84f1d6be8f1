package org.rlaif.workbench.domain;

import java.util.Objects;

/**
 * What a policy wrote for a prompt.
 *
 * @param sampleIndex tells several samples of one policy on one prompt apart (best-of-n candidates, seeds)
 * @param reward      the reward it got where it was written (best-of-n's pick, an RL sample), or null
 * @param runId       the run that wrote it, or null (imported, a teacher asked outside a run)
 */
public record PolicyOutput(long id, long policyId, long promptId, int sampleIndex, String response, Double reward,
                           Long runId) {
    public PolicyOutput {
        Objects.requireNonNull(response, "response");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + sampleIndex);
        }
    }
}
