package org.rlaif.workbench.domain;

/** Who gave a label. Humans are the usual reference; the others are what is being audited. */
public enum LabelerKind {
    HUMAN, AI, REWARD_MODEL, POLICY_JUDGE
}
