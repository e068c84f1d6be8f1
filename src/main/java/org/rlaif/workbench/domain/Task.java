package org.rlaif.workbench.domain;

import java.util.Locale;

/** The kind of judgement a pair asks for; prompt templates and slices are chosen by it. */
public enum Task {
    SUMMARIZATION, HELPFULNESS, HARMLESSNESS, OTHER;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in files, the project and the command line. */
    public String key() {
        return key;
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
