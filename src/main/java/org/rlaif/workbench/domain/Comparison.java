package org.rlaif.workbench.domain;

import java.util.Objects;

/**
 * One pair to judge: a context (post, prompt or dialogue) and two responses.
 *
 * @param id         row id in the project, or 0 for a pair not stored yet
 * @param pairKey    content hash of context and both responses ({@link PairKey}); the same pair imported from two
 *                   files is one comparison
 * @param source     dataset or file family it came from (e.g. {@code pandalm}); {@code sourceId} is its id there
 * @param metadataJson free metadata as a JSON object text, never null ({@code {}} when empty)
 */
public record Comparison(long id, String pairKey, Task task, String context, String responseA, String responseB,
                         String source, String sourceId, Split split, String metadataJson) {
    /**
     * The source of head-to-head evaluation pairs: two policies' outputs on one prompt (schema 5's
     * {@code eval_pair}). They are judged like any pair, but they are not preference data to train on.
     */
    public static final String POLICY_EVAL_SOURCE = "policy-eval";

    public Comparison {
        Objects.requireNonNull(pairKey, "pairKey");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(responseA, "responseA");
        Objects.requireNonNull(responseB, "responseB");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(split, "split");
        if (metadataJson == null || metadataJson.isBlank()) {
            metadataJson = "{}";
        }
    }

    /** A pair not stored yet; its key is derived from its content. */
    public static Comparison draft(Task task, String context, String responseA, String responseB,
                                   String source, String sourceId, Split split, String metadataJson) {
        return new Comparison(0, PairKey.of(context, responseA, responseB), task, context, responseA, responseB,
                source, sourceId, split, metadataJson);
    }

    /** Whether this pair holds two policies' outputs for judging, not preference data. */
    public boolean isPolicyEvaluation() {
        return POLICY_EVAL_SOURCE.equals(source);
    }

    /** The same pair under another key (see {@link PairKey#repeat}). */
    public Comparison withPairKey(String key) {
        return new Comparison(id, key, task, context, responseA, responseB, source, sourceId, split, metadataJson);
    }

    public Comparison withId(long newId) {
        return new Comparison(newId, pairKey, task, context, responseA, responseB, source, sourceId, split, metadataJson);
    }
}
