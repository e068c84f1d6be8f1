package org.rlaif.workbench.training;

import java.nio.file.Path;

/**
 * Where trained models live (decision 39): beside the project file, never inside it, in {@code <name>.models/}
 * for project {@code <name>.rlaif}, one {@code run-<id>/} folder per run. Found from the project file each time, so
 * a project moved together with its models folder still finds them.
 */
public final class ModelFolders {
    private static final String PROJECT_SUFFIX = ".rlaif";

    private ModelFolders() {
    }

    /** The models folder of {@code projectFile}: {@code study.rlaif} -> {@code study.models}, beside it. */
    public static Path of(Path projectFile) {
        Path absolute = projectFile.toAbsolutePath();
        String name = absolute.getFileName().toString();
        String base = name.endsWith(PROJECT_SUFFIX) && name.length() > PROJECT_SUFFIX.length()
                ? name.substring(0, name.length() - PROJECT_SUFFIX.length()) : name;
        return absolute.resolveSibling(base + ".models");
    }

    /** The folder of run {@code runId}'s models: its {@code output_dir} (decision 22). */
    public static Path run(Path projectFile, long runId) {
        return of(projectFile).resolve("run-" + runId);
    }
}
