package org.rlaif.workbench.io;

import java.nio.file.Path;

/** The user cancelled an import; nothing of it was stored. */
public class ImportCancelledException extends ImportException {
    public ImportCancelledException(Path file) {
        super(file, 0, "import cancelled; nothing was stored");
    }
}
