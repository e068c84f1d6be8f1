package org.rlaif.workbench.ui.dashboard;

import java.util.Objects;

/** What the dashboard compares labelers with: the human majority, the adjudications, or one labeler. */
public record ReferenceChoice(Kind kind, String labeler) {
    public enum Kind { HUMANS, ADJUDICATIONS, LABELER }

    public static final ReferenceChoice HUMANS = new ReferenceChoice(Kind.HUMANS, null);
    public static final ReferenceChoice ADJUDICATIONS = new ReferenceChoice(Kind.ADJUDICATIONS, null);

    public ReferenceChoice {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LABELER) != (labeler != null)) {
            throw new IllegalArgumentException("a labeler reference names the labeler, the others name none");
        }
    }

    public static ReferenceChoice labeler(String name) {
        return new ReferenceChoice(Kind.LABELER, name);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case HUMANS -> "Human majority";
            case ADJUDICATIONS -> "Adjudications";
            case LABELER -> labeler;
        };
    }
}
