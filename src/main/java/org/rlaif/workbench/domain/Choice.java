package org.rlaif.workbench.domain;

/** A verdict on a pair: the first response (A), the second (B), or neither. */
public enum Choice {
    A, B, TIE;

    /** The same verdict seen from the other presentation order: A and B swap, a tie stays a tie. */
    public Choice swapped() {
        return switch (this) {
            case A -> B;
            case B -> A;
            case TIE -> TIE;
        };
    }

    /** Compact code used in primitive label arrays: 0 = A, 1 = B, 2 = TIE. */
    public byte code() {
        return (byte) ordinal();
    }

    public static Choice fromCode(int code) {
        return values()[code];
    }
}
