package org.rlaif.workbench.io.export;

import java.util.Locale;

/**
 * Whose verdict an export follows.
 *
 * <ul>
 *   <li>{@code NAME} — one labeler;</li>
 *   <li>{@code humans} — the majority of the human labelers;</li>
 *   <li>{@code ai} — the majority of the AI labelers (never a reward model or a policy judge);</li>
 *   <li>{@code adjudicated} — the adjudication where there is one, else the human majority;</li>
 *   <li>{@code agreed} or {@code agreed:NAME} — the human majority, only on pairs where the AI labelers (or the named
 *       one) agree with it: the cleanest training set when neither source alone is trusted.</li>
 * </ul>
 */
public sealed interface LabelSource {
    record OneLabeler(String name) implements LabelSource {
    }

    record HumanMajority() implements LabelSource {
    }

    record AiMajority() implements LabelSource {
    }

    record AdjudicatedElseMajority() implements LabelSource {
    }

    /** @param aiName one AI labeler, or null for every AI labeler that labeled the pair */
    record Agreed(String aiName) implements LabelSource {
    }

    static LabelSource parse(String text) {
        String t = text.strip();
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "humans", "human-majority" -> new HumanMajority();
            case "ai", "ai-majority" -> new AiMajority();
            case "adjudicated" -> new AdjudicatedElseMajority();
            case "agreed" -> new Agreed(null);
            default -> t.toLowerCase(Locale.ROOT).startsWith("agreed:")
                    ? new Agreed(t.substring("agreed:".length()))
                    : new OneLabeler(t);
        };
    }

    /** How the choice was made, for reports. */
    default String describe() {
        return switch (this) {
            case OneLabeler o -> "labeler '" + o.name() + "'";
            case HumanMajority h -> "human majority";
            case AiMajority a -> "AI majority";
            case AdjudicatedElseMajority a -> "adjudication, else human majority";
            case Agreed a -> a.aiName() == null ? "human majority where every AI labeler agrees"
                    : "human majority where '" + a.aiName() + "' agrees";
        };
    }
}
