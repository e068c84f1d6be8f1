package org.rlaif.workbench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.rlaif.workbench.cli.WorkbenchCommand;

/**
 * Entry point of the jar. With arguments it runs the command line; with none it opens the window.
 *
 * <p>This class must not extend {@code javafx.application.Application}: with JavaFX on the class path (a plain
 * jar, not modules) the launcher refuses such a main class, while a plain class that calls
 * {@code Application.launch} works.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.rlaif.workbench.ui.WorkbenchApp.launchWindow(args);
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(WorkbenchCommand.execute(args, out, err));
    }
}
