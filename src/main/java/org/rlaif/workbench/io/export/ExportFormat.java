package org.rlaif.workbench.io.export;

import java.util.Locale;

/** Preference-file layouts the trainers read. */
public enum ExportFormat {
    /** TRL's explicit-prompt preference format: {@code {"prompt", "chosen", "rejected"}} as strings. */
    TRL,
    /**
     * OpenRLHF's chat layout: {@code chosen} and {@code rejected} are whole conversations (a user message with the
     * context, then the assistant's answer), read with {@code --apply_chat_template --chosen_key chosen
     * --rejected_key rejected}; {@code prompt} is kept too for {@code --prompt_key prompt} without a template.
     */
    OPENRLHF,
    /** One row per pair, every labeler's verdict as a column. */
    CSV;

    public static ExportFormat parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown export format '" + text + "' (expected trl, openrlhf or csv)");
        }
    }
}
