package org.rlaif.workbench.domain;

import java.util.Locale;

/** The kind of judgement a pair asks for; prompt templates and slices are chosen by it. */
public enum Task {
    SUMMARIZATION, HELPFULNESS, HARMLESSNESS, OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String text) {
        for (Task t : values()) {
            if (t.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + text + "' (expected summarization, helpfulness, harmlessness or other)");
    }
}
