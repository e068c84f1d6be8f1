package org.rlaif.workbench.labeling.client;

import java.util.List;
import java.util.Objects;

/**
 * One generated token with its log-probability and, when the server sent them, the most likely alternatives at that
 * position (the chosen token usually among them).
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {
    public TokenLogprob {
        Objects.requireNonNull(token, "token");
        top = List.copyOf(top);
    }

    /** A candidate token at one position. */
    public record Alternative(String token, double logprob) {
        public Alternative {
            Objects.requireNonNull(token, "token");
        }
    }
}
