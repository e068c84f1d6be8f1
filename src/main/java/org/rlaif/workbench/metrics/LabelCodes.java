package org.rlaif.workbench.metrics;

/**
 * The byte codes of the primitive label arrays. Choice codes match {@code domain.Choice.code()} (A = 0, B = 1,
 * TIE = 2) so a loader copies them without a lookup; {@link #NONE} marks "no verdict" (a failed attempt, a pair a
 * labeler did not label, a reference that does not exist).
 */
public final class LabelCodes {
    public static final byte A = 0;
    public static final byte B = 1;
    public static final byte TIE = 2;
    public static final byte NONE = 3;

    /** The order the responses were shown in is not known. */
    public static final byte ORDER_UNKNOWN = 0;
    /** A was shown first. */
    public static final byte ORDER_AB = 1;
    /** B was shown first. */
    public static final byte ORDER_BA = 2;

    private static final String[] CHOICE_NAMES = {"A", "B", "TIE", "none"};

    private LabelCodes() {
    }

    public static boolean isChoice(int code) {
        return code >= A && code <= TIE;
    }

    public static String choiceName(int code) {
        return CHOICE_NAMES[code];
    }

    /** The code of the response shown first in {@code order}, or {@link #NONE} when the order is unknown. */
    public static byte firstShown(byte order) {
        return order == ORDER_AB ? A : order == ORDER_BA ? B : NONE;
    }

    static void requireChoice(int code, String what) {
        if (!isChoice(code) && code != NONE) {
            throw new IllegalArgumentException(what + ": choice code must be 0 (A), 1 (B), 2 (TIE) or 3 (none), got " + code);
        }
    }
}
