package org.rlaif.workbench.io;

import java.util.List;
import java.util.Locale;

/**
 * What a column of a CSV or generic JSON lines file holds. {@code --column ROLE=COLUMN} says which column plays a
 * role; without it a column whose name is one of the role's usual names plays it.
 */
public enum ColumnRole {
    ID("id", List.of("id", "pair_id", "uid", "idx")),
    PROMPT("prompt", List.of("prompt", "context", "instruction", "question", "query", "post")),
    RESPONSE_A("response_a", List.of("response_a", "response_1", "response1", "answer_a", "answer_1", "output_1",
            "output_a", "completion_a", "summary_a", "summary_1")),
    RESPONSE_B("response_b", List.of("response_b", "response_2", "response2", "answer_b", "answer_2", "output_2",
            "output_b", "completion_b", "summary_b", "summary_2")),
    CHOSEN("chosen", List.of("chosen", "chosen_response")),
    REJECTED("rejected", List.of("rejected", "rejected_response")),
    CHOICE("choice", List.of("choice", "label", "preference", "winner", "verdict")),
    P_A("p_a", List.of("p_a", "prob_a", "probability_a")),
    LABELER("labeler", List.of("labeler", "annotator", "worker", "judge", "rater")),
    RATIONALE("rationale", List.of("rationale", "reason", "explanation")),
    SPLIT("split", List.of("split")),
    TASK("task", List.of("task"));

    private final String key;
    private final List<String> usualNames;

    ColumnRole(String key, List<String> usualNames) {
        this.key = key;
        this.usualNames = usualNames;
    }

    /** The name used in {@code --column KEY=COLUMN}. */
    public String key() {
        return key;
    }

    public List<String> usualNames() {
        return usualNames;
    }

    /** The role for a {@code --column} key; {@code context} is another word for {@code prompt}. */
    public static ColumnRole parse(String text) {
        String k = normalise(text);
        if (k.equals("context")) {
            return PROMPT;
        }
        for (ColumnRole r : values()) {
            if (r.key.equals(k)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown column role '" + text + "'; roles: " + keys());
    }

    public static String keys() {
        StringBuilder sb = new StringBuilder();
        for (ColumnRole r : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(r.key);
        }
        return sb.append(" (context = prompt)").toString();
    }

    /** Column names compared loosely: case, spaces and hyphens do not matter ("Response 1" = response_1). */
    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
