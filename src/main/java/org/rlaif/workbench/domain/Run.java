package org.rlaif.workbench.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A labeling or training run: what was asked ({@code specJson}), where it stands, and which process does it.
 *
 * @param kind    e.g. {@code label}, {@code reward-model}, {@code sft}, {@code rl}, {@code external}
 * @param pid     the process doing the work (a trainer's, or the labeling command's own)
 * @param done    steps or items done, of {@code total} (null while unknown)
 * @param watcher the process that watches the run and stores what it reports, as {@code pid@start-millis}
 */
public record Run(long id, String kind, String name, String specJson, RunState state, Long pid,
                  Instant startedAt, Instant endedAt, String message, long done, Long total, String watcher) {

    public Run {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (specJson == null || specJson.isBlank()) {
            specJson = "{}";
        }
    }

    /** How long it ran: to its end, or to {@code now} while it runs; null before it started. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }
}
