package org.rlaif.workbench.io;

import java.util.HashMap;
import java.util.Map;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.PairKey;

/**
 * Keeps the repeated records of one test-set file apart. In PandaLM and Auto-J two records can carry identical texts
 * (two model pairs that wrote the same answers) yet be separate items, each judged on its own; published figures
 * count them separately (PandaLM: 999 items, not 900). The n-th repeat gets {@link PairKey#repeat}; files where a
 * repeat means "the same pair again" (seeds, several workers in TL;DR) do not use this.
 */
final class RepeatedItems {
    private final Map<String, Integer> seen = new HashMap<>();

    /** {@code pair} itself the first time its content appears, a distinct key for each repeat after that. */
    Comparison distinct(Comparison pair) {
        int n = seen.merge(pair.pairKey(), 1, Integer::sum);
        return n == 1 ? pair : pair.withPairKey(PairKey.repeat(pair.pairKey(), n));
    }
}
