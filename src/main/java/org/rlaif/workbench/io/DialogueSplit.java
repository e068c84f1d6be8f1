package org.rlaif.workbench.io;

/**
 * Splits two full transcripts that share a beginning (HH-RLHF, TRL's implicit-prompt format) into the shared
 * context and the two final answers. The cut is made at the last assistant turn both transcripts share, so the
 * context ends with the user's last message and each response is what the assistant said after it.
 */
public final class DialogueSplit {
    static final String ASSISTANT_TURN = "\n\nAssistant:";

    /** Context and the two responses, in the order given. */
    public record Parts(String context, String first, String second) {
    }

    private DialogueSplit() {
    }

    public static Parts split(String first, String second) throws RecordException {
        int common = commonPrefixLength(first, second);
        int cut = lastTurnStart(first, common);
        if (cut >= 0) {
            int from = cut + ASSISTANT_TURN.length();
            return new Parts(first.substring(0, cut).strip(), first.substring(from).strip(), second.substring(from).strip());
        }
        if (common == first.length() && common == second.length()) {
            throw new RecordException("the two transcripts are identical");
        }
        // No turn markers: cut at the last whitespace the two share, so no word is split between context and answer.
        int ws = common;
        while (ws > 0 && !Character.isWhitespace(first.charAt(ws - 1))) {
            ws--;
        }
        return new Parts(first.substring(0, ws).strip(), first.substring(ws).strip(), second.substring(ws).strip());
    }

    /** Start of the last assistant-turn marker lying wholly within the first {@code limit} characters, or -1. */
    private static int lastTurnStart(String text, int limit) {
        int at = text.lastIndexOf(ASSISTANT_TURN, limit - ASSISTANT_TURN.length());
        return at >= 0 && at + ASSISTANT_TURN.length() <= limit ? at : -1;
    }

    static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
