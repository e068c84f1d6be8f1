package org.rlaif.workbench.domain;

import java.util.Objects;

/** A prompt policies answer (a post to summarise, a question, a dialogue so far), stored once by its content. */
public record Prompt(long id, String promptKey, String text, Task task, Split split, String source) {
    public Prompt {
        Objects.requireNonNull(promptKey, "promptKey");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(source, "source");
    }

    /** A prompt not stored yet; its key is derived from its text. */
    public static Prompt draft(String text, Task task, Split split, String source) {
        return new Prompt(0, PairKey.of(text, "", ""), text, task, split, source);
    }
}
