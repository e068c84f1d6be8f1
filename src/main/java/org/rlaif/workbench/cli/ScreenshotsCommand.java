package org.rlaif.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlaif.workbench.ui.ScreenshotTour;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "screenshots", mixinStandardHelpOptions = true, description = {
        "Open the window on a project, visit every screen and save a PNG of each (for the README).",
        "Needs a display; on a server run it under Xvfb: xvfb-run -a java -jar rlaif-workbench.jar screenshots …"})
final class ScreenshotsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/screenshots",
            description = "folder for the PNGs (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1440x900", description = "window size (default: ${DEFAULT-VALUE})")
    String size;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(project.path())) {
            throw new CliFailure(project.path() + ": no such project file");
        }
        String[] wh = size.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new CliFailure("--size must look like 1440x900, got " + size);
        }
        // a screenshot run must not change the user's project: tour a copy
        Path folder = Files.createTempDirectory("rlaif-tour");
        Path copy = folder.resolve(project.path().getFileName());
        Files.copy(project.path(), copy);
        try {
            List<Path> files = new ScreenshotTour(copy, out, Double.parseDouble(wh[0]), Double.parseDouble(wh[1]),
                    line -> spec.commandLine().getOut().println(line)).run();
            spec.commandLine().getOut().printf("%d screenshots in %s%n", files.size(), out);
        } finally {
            try (var left = Files.list(folder)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(folder);
        }
        return 0;
    }
}
