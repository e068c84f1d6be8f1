package org.rlaif.workbench.ui.start;

import java.nio.file.Path;
import java.util.List;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Runs an import into the open project, all or nothing, reporting progress and stopping when asked: in this JVM
 * (the view-model tests) or in a child process ({@link ChildProcessImport}, the window).
 */
@FunctionalInterface
public interface ImportRunner {
    ImportReport run(ProjectStore store, List<Path> files, String format, ImportOptions options,
                     ImportProgress progress) throws ImportException;
}
