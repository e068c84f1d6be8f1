package org.rlaif.workbench.store;

import java.util.Locale;

/** What the labelers of a pair say together (see {@code pair_summary.status}). */
public enum AgreementStatus {
    /** No labeler has a verdict in force. */
    UNLABELED,
    /** Exactly one labeler has. */
    SINGLE,
    /** Two or more have, and their verdicts are equal. */
    AGREE,
    /** Two or more have, and their verdicts differ. */
    DISPUTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgreementStatus parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
