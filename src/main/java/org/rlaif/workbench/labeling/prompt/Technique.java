package org.rlaif.workbench.labeling.prompt;

import java.util.Locale;

/**
 * How the judge is asked (Lee et al. 2023, RLAIF, section 3.1): a short task statement, the detailed task-specific
 * preamble, or the preamble with a two-step chain of thought (first a rationale, then the verdict given it).
 * Few-shot exemplars, both orders and self-consistency samples combine with any of these.
 */
public enum Technique {
    BASE, PREAMBLE, COT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Technique parse(String text) {
        for (Technique t : values()) {
            if (t.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown technique '" + text + "' (expected base, preamble or cot)");
    }
}
