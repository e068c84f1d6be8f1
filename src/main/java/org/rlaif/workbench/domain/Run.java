package org.rlaif.workbench.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A labeling or training run: what was asked ({@code specJson}), where it stands, and which process does it.
 *
 * @param kind e.g. {@code label}, {@code reward-model}, {@code policy}, {@code external}
 */
public record Run(long id, String kind, String name, String specJson, RunState state, Long pid,
                  Instant startedAt, Instant endedAt, String message) {

    public Run {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (specJson == null || specJson.isBlank()) {
            specJson = "{}";
        }
    }
}
