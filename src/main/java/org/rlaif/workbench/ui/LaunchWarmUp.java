package org.rlaif.workbench.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.SettingsFile;

/**
 * What the window needs in its first second and another core can get ready while the JavaFX toolkit starts and the
 * JavaFX thread builds the window: the settings (and the JSON mapper that reads them), the SQLite native library,
 * and, once the toolkit is up, the icon font and the library classes of the first frame. On two cores this takes a
 * few hundred milliseconds of work off the JavaFX thread, which is the one the first frame waits for.
 */
final class LaunchWarmUp {
    private final SettingsFile file;
    private final CompletableFuture<Settings> settings = new CompletableFuture<>();

    private LaunchWarmUp(SettingsFile file) {
        this.file = file;
    }

    /** Starts reading {@code file} and loading the libraries on a background thread. */
    static LaunchWarmUp begin(SettingsFile file) {
        LaunchWarmUp w = new LaunchWarmUp(file);
        daemon("launch-warm-up", () -> {
            try {
                w.settings.complete(file.load());
            } catch (RuntimeException | Error e) {
                w.settings.completeExceptionally(e); // the JavaFX thread reads the file itself, and fails there
            }
            try {
                Class.forName("org.sqlite.JDBC");
                try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
                    c.createStatement().execute("SELECT 1");
                }
            } catch (Exception ignored) {
                // only a head start: whatever fails here fails again, with a proper message, where it is used
            }
        });
        return w;
    }

    SettingsFile file() {
        return file;
    }

    /** The settings read in the background (waiting for them if need be), or read now if that failed. */
    Settings settings() {
        try {
            return settings.join();
        } catch (CompletionException e) {
            return file.load();
        }
    }

    /**
     * Called when the toolkit is up (fonts can be loaded from then on): loads the icon font, which the first
     * {@code FontIcon} would otherwise load on the JavaFX thread, then the library classes the first frame uses
     * (see {@link #PRELOAD_LIST}).
     */
    static void toolkitStarted() {
        daemon("launch-warm-up-classes", () -> {
            try {
                Class.forName("org.kordamp.ikonli.javafx.IkonResolver", true, LaunchWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError ignored) {
                // only a head start
            }
            preload(preloadList());
        });
    }

    /**
     * The JavaFX, ControlsFX, AtlantaFX and Ikonli classes loaded before the first page of pairs is on screen, one
     * name a line: reading and verifying them here, while the JavaFX thread builds the window, takes that work off
     * the thread the first frame waits for. Regenerate it after upgrading those libraries (how: the decision record
     * on the launch warm-up in docs/decisions); a name that no longer exists only costs a failed lookup.
     */
    static final String PRELOAD_LIST = "/ui/preload.txt";

    /** The class names in {@link #PRELOAD_LIST}. */
    static List<String> preloadList() {
        try (InputStream in = LaunchWarmUp.class.getResourceAsStream(PRELOAD_LIST)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(n -> !n.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads (without initialising) each class named; returns how many could not be loaded. */
    static int preload(List<String> names) {
        int missing = 0;
        for (String n : names) {
            try {
                Class.forName(n, false, LaunchWarmUp.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing++;
            }
        }
        return missing;
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
