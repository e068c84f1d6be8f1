package org.rlaif.workbench.io;

/**
 * Builds the origin key of an imported label: the digest of the file that holds the label, then whatever names
 * the label inside that file (record id or line, labeler, sample). Same file, same key: that is how a second import
 * of a file is recognised label by label.
 */
public final class Origin {
    private Origin() {
    }

    public static String of(SourceFile file, Object... parts) {
        StringBuilder sb = new StringBuilder(file.shortDigest());
        for (Object p : parts) {
            sb.append(':').append(p);
        }
        return sb.toString();
    }
}
