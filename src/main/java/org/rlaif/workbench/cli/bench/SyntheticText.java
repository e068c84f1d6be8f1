package org.rlaif.workbench.cli.bench;

import java.util.SplittableRandom;

/**
 * Deterministic filler text with the length profile of real preference data (prompts of tens of words, answers of
 * up to a few hundred), so benchmarks move realistic amounts of bytes.
 */
public final class SyntheticText {
    private static final String[] WORDS = ("the of and to a in is you that it for on with as are this be was have "
            + "or not your can what but an they at from by one all if will more about which when there so how do "
            + "model answer question summary post response helpful harmless reward policy human feedback label "
            + "preference better worse because explain reason example first second data train test language "
            + "clear concise accurate detail context user assistant write story code list step idea").split(" ");

    private final SplittableRandom random;

    public SyntheticText(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public String words(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n * 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(i % 17 == 0 ? ". " : " ");
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.append('.').toString();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
