package org.rlaif.workbench.domain;

import java.util.Locale;

/** Which part of the data a pair belongs to. */
public enum Split {
    TRAIN, TEST;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in files, the project and the command line. */
    public String key() {
        return key;
    }

    public static Split parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "train", "training" -> TRAIN;
            case "test", "eval", "evaluation", "validation", "valid", "dev" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + text + "' (expected train or test)");
        };
    }
}
