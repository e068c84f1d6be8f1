package org.rlaif.workbench.domain;

import java.util.Objects;

/** One generated sample of a policy run: what the policy wrote for a prompt at a step, and the reward it got. */
public record RunSample(long runId, long seq, long step, String prompt, String completion, Double reward,
                        long timeMillis) {
    public RunSample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }
}
