package org.rlaif.workbench.metrics;

/** How a TIE verdict on one side of a comparison counts towards agreement. */
public enum TiePolicy {
    /**
     * A tie against a decisive verdict earns half credit; tie against tie is full agreement. Every pair both sides
     * labeled counts, and kappa uses the three categories A, B, TIE.
     */
    HALF("half", "a tie against A or B counts 1/2, tie against tie counts 1; kappa over A, B, TIE"),
    /**
     * Pairs where either side said TIE are left out; agreement and kappa are over the decisive pairs only (A, B).
     */
    EXCLUDE("exclude", "pairs where either side is a tie are left out; agreement and kappa over A, B only");

    private final String key;
    private final String rule;

    TiePolicy(String key, String rule) {
        this.key = key;
        this.rule = rule;
    }

    /** The command-line and JSON name: {@code half} or {@code exclude}. */
    public String key() {
        return key;
    }

    /** One line saying how ties were counted, for every output that reports agreement. */
    public String rule() {
        return rule;
    }

    public static TiePolicy parse(String text) {
        for (TiePolicy p : values()) {
            if (p.key.equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown tie policy '" + text + "' (expected half or exclude)");
    }
}
