package org.rlaif.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Option;

/** {@code --project FILE}, shared by every command that works on a project. */
public final class ProjectOption {
    @Option(names = {"-p", "--project"}, required = true, paramLabel = "FILE",
            description = "project file (*.rlaif, SQLite)")
    Path project;

    public Path path() {
        return project;
    }

    /** Opens the project, which must exist: only {@code import} creates one; a typo must not make an empty file. */
    public ProjectStore openExisting() {
        if (!Files.isRegularFile(project)) {
            throw new CliFailure(project + ": no such project file (the import command creates one)");
        }
        return ProjectStore.open(project);
    }
}
