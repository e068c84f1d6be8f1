package org.rlaif.workbench.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a pair: a SHA-256 over its context and both responses, each length-prefixed so that moving text
 * from one field to the next gives another key. Content, not a source id, decides identity, so the same pair
 * labeled in several files (AlpacaEval seeds, PandaLM judges) becomes one comparison with many labels.
 */
public final class PairKey {
    private PairKey() {
    }

    public static String of(String context, String responseA, String responseB) {
        MessageDigest sha = sha256();
        for (String part : new String[] {context, responseA, responseB}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(lengthPrefix(bytes.length));
            sha.update(bytes);
        }
        // 128 bits are plenty to keep distinct pairs apart and keep the index small.
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * The key of the {@code n}-th record (n >= 2) with the same content in one file of a test set whose records are
     * separate items (PandaLM, Auto-J: two model pairs that happened to write the same texts, each judged on its
     * own). The first occurrence keeps the plain content key, so it still meets the same pair from other files.
     */
    public static String repeat(String contentKey, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("occurrence must be >= 2, got " + n);
        }
        return contentKey + "~" + n;
    }

    private static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
