package org.rlaif.workbench.training;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The folder the app keeps its own files in (the training environment, copies of the trainers): per user and
 * platform, and movable with {@code -Drlaif.data=DIR} or {@code RLAIF_DATA} (tests and CI point it elsewhere).
 */
public final class AppDataFolder {
    private AppDataFolder() {
    }

    public static Path get() {
        String property = System.getProperty("rlaif.data");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("RLAIF_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("RLAIF Workbench");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("RLAIF Workbench");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                .resolve("rlaif-workbench");
    }
}
