package org.rlaif.workbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --project FILE}, shared by every command that works on a project. */
public final class ProjectOption {
    @Option(names = {"-p", "--project"}, required = true, paramLabel = "FILE",
            description = "project file (*.rlaif, SQLite)")
    Path project;

    public Path path() {
        return project;
    }
}
