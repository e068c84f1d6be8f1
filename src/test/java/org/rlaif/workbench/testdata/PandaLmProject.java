package org.rlaif.workbench.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.store.ProjectStore;

/**
 * PandaLM's human-annotated test set (three annotators, GPT-3.5 and PandaLM-7B as judges) imported into a real
 * project file by the real importer, for tests that need real labels in SQLite. Each of the 999 rows is its own test
 * item (rows that repeat an earlier row's texts stay separate pairs), so the project holds exactly what the upstream
 * files hold, and the Python reference values computed from those files apply to it.
 */
public final class PandaLmProject {
    private PandaLmProject() {
    }

    public static Path datasets() {
        return Path.of(System.getProperty("rlaif.datasets", "../shared/datasets"));
    }

    public static boolean available() {
        return Files.isRegularFile(datasets().resolve("pandalm/testset-v1.json"));
    }

    public static void write(ProjectStore store) {
        try {
            new ImportService().importFiles(store, List.of(datasets().resolve("pandalm")), "pandalm",
                    ImportOptions.defaults(), ImportProgress.NONE);
        } catch (ImportException e) {
            throw new IllegalStateException("the PandaLM test set no longer imports: " + e.getMessage(), e);
        }
    }
}
