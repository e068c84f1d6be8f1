package org.rlaif.workbench.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The final word on a disputed pair. Append-only like labels: a later adjudication supersedes an earlier one, and
 * a null {@code choice} with a {@code supersedes} withdraws it.
 */
public record Adjudication(long id, long comparisonId, Choice choice, String decidedBy, String note,
                           Instant createdAt, Long supersedes) {

    public Adjudication {
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (choice == null && supersedes == null) {
            throw new IllegalArgumentException("an adjudication without a choice must withdraw an earlier one");
        }
    }

    public static Adjudication of(long comparisonId, Choice choice, String decidedBy, String note) {
        return new Adjudication(0, comparisonId, choice, decidedBy, note, Instant.now(), null);
    }
}
