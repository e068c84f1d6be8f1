package org.rlaif.workbench.domain;

/**
 * The order in which the two responses were shown to the labeler. The choice is always stored in the pair's own
 * A/B terms, whatever order was shown; this field is what position-bias metrics need.
 */
public enum OrderShown {
    /** A first, then B. */
    AB,
    /** B first, then A. */
    BA
}
