package org.rlaif.workbench.ui.common;

import java.util.Objects;

/** A message for the user that the shell shows for a moment (or until dismissed, for errors). */
public record Notice(Kind kind, String title, String text) {
    public enum Kind { INFO, SUCCESS, ERROR }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
    }

    public static Notice info(String title, String text) {
        return new Notice(Kind.INFO, title, text);
    }

    public static Notice success(String title, String text) {
        return new Notice(Kind.SUCCESS, title, text);
    }

    public static Notice error(String title, Throwable cause) {
        return new Notice(Kind.ERROR, title, describe(cause));
    }

    /** A one-line description of a failure for a person: the message of the cause that has one. */
    public static String describe(Throwable t) {
        Throwable c = t;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
