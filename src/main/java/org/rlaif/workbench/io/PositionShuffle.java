package org.rlaif.workbench.io;

import org.rlaif.workbench.domain.PairKey;

/**
 * Decides, for a chosen/rejected pair, which response becomes A. Files like HH-RLHF and TRL put the preferred
 * answer first; stored that way, "A wins" would be the label and position bias would be invisible. The decision
 * depends only on the seed and the pair's content, so re-importing a file with the same seed gives the same pairs.
 */
public final class PositionShuffle {
    private PositionShuffle() {
    }

    /** True when the chosen response goes to position A. */
    public static boolean chosenFirst(long seed, String context, String chosen, String rejected) {
        String key = PairKey.of(context, chosen, rejected);
        long h = Long.parseUnsignedLong(key.substring(0, 16), 16) ^ seed;
        return (mix(h) & 1L) == 0;
    }

    /**
     * For two responses that a file lists in no meaningful order but that may come again in the other order (one
     * pair shown to several workers): true when {@code x} goes to position A. Depends only on the two texts, so
     * every listing of the same two responses becomes the same pair, and, being a hash, it says nothing about
     * which one was preferred.
     */
    public static boolean canonicalFirst(String x, String y) {
        String kx = PairKey.of("", x, "");
        String ky = PairKey.of("", y, "");
        int cmp = kx.compareTo(ky);
        return cmp != 0 ? cmp < 0 : x.compareTo(y) <= 0;
    }

    // SplitMix64's finaliser: spreads every seed bit over the output, so nearby seeds give unrelated orders.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
