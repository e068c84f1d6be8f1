package org.rlaif.workbench.io;

import java.nio.file.Path;

/**
 * A file being imported, with the digest of its bytes. The digest names the file in label origins, which is what
 * makes a second import of the same file add nothing.
 */
public record SourceFile(Path path, String sha256, long size) {

    /** The short form used inside origin keys. */
    public String shortDigest() {
        return sha256.substring(0, 16);
    }
}
