package org.rlaif.workbench.labeling.prompt;

import java.util.Objects;

/** A pair as the judge sees it: the context and the two responses in the order shown. */
public record ShownPair(String context, String first, String second) {
    public ShownPair {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }
}
