package org.rlaif.workbench.metrics;

/**
 * What a labeler's verdicts are compared with.
 *
 * @param kind    the majority of the humans, one labeler, or the adjudications
 * @param labeler the labeler's index when {@code kind} is {@link Kind#LABELER}, else -1
 */
public record Reference(Kind kind, int labeler) {

    public enum Kind {
        /**
         * The plurality verdict of the human labelers on each pair; when no verdict is the single most common one
         * the humans are split and the reference is a tie. Each human is compared with the majority of the other
         * humans (leave-one-out), never with a majority that includes itself.
         */
        HUMANS,
        /** One labeler's verdicts. */
        LABELER,
        /** The adjudications in force. */
        ADJUDICATIONS
    }

    public Reference {
        if ((kind == Kind.LABELER) != (labeler >= 0)) {
            throw new IllegalArgumentException("a labeler index goes with, and only with, a LABELER reference");
        }
    }

    public static Reference humans() {
        return new Reference(Kind.HUMANS, -1);
    }

    public static Reference labeler(int index) {
        return new Reference(Kind.LABELER, index);
    }

    public static Reference adjudications() {
        return new Reference(Kind.ADJUDICATIONS, -1);
    }

    /** A sentence saying what the reference is, for the outputs. */
    public String describe(LabelTable table) {
        return switch (kind) {
            case HUMANS -> {
                int h = table.humanIndexes().length;
                yield h == 0 ? "majority of the human labelers (the project has none)"
                        : "majority of " + h + " human labeler" + (h == 1 ? "" : "s")
                        + " (plurality verdict per pair; when no verdict is the single most common, the humans are"
                        + " split and the reference is a tie); each human is compared with the majority of the other"
                        + " humans (leave-one-out)";
            }
            case LABELER -> "labeler " + table.labeler(labeler).name();
            case ADJUDICATIONS -> "adjudications in force";
        };
    }

    /** The command-line name: {@code humans}, {@code adjudications} or the labeler's name. */
    public String name(LabelTable table) {
        return switch (kind) {
            case HUMANS -> "humans";
            case LABELER -> table.labeler(labeler).name();
            case ADJUDICATIONS -> "adjudications";
        };
    }
}
