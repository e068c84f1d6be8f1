package org.rlaif.workbench.ui.prefs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rlaif.workbench.io.Json;

/**
 * Reads and writes {@link Settings} as a small JSON file, by default in the user's configuration folder. A change
 * is written a moment later on a background thread (a burst of changes, like dragging a divider, is one write);
 * a file that cannot be read is set aside and the defaults are used, so a broken file never stops the window.
 */
public final class SettingsFile implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SettingsFile.class.getName());
    private static final long WRITE_DELAY_MS = 400;

    private final Path file;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "settings-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Data> pending = new AtomicReference<>();

    public SettingsFile(Path file) {
        this.file = file;
    }

    /** {@code -Drlaif.settings=FILE}, else the platform's per-user configuration folder. */
    public static Path defaultLocation() {
        String override = System.getProperty("rlaif.settings");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "RLAIF Workbench", "settings.json");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/RLAIF Workbench/settings.json");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg);
        return config.resolve("rlaif-workbench/settings.json");
    }

    public Path file() {
        return file;
    }

    /** The settings in the file, or the defaults when there is none or it cannot be read. */
    public Settings load() {
        Settings s = new Settings();
        if (!Files.isRegularFile(file)) {
            return s;
        }
        try {
            Data d = Json.mapper().readerFor(Data.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
            d.applyTo(s);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".broken");
            LOG.log(Level.WARNING, file + ": cannot read settings (" + e.getMessage() + "); using defaults, the file"
                    + " is kept as " + aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.log(Level.WARNING, "cannot set aside " + file, moveFailed);
            }
            return new Settings();
        }
        return s;
    }

    /** Writes {@code settings} a moment after each change, off the calling thread. */
    public void saveOnChange(Settings settings) {
        settings.addChangeListener(o -> {
            if (pending.getAndSet(Data.of(settings)) == null) {
                writer.schedule(this::writePending, WRITE_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Writes {@code settings} now, on the calling thread (at exit). */
    public void save(Settings settings) {
        pending.set(null);
        write(Data.of(settings));
    }

    private void writePending() {
        Data d = pending.getAndSet(null);
        if (d != null) {
            write(d);
        }
    }

    private synchronized void write(Data d) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), d);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, file + ": cannot save settings", e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }

    /** The file's contents: plain values, taken on the JavaFX thread and written on the writer's. */
    record Data(Theme theme, List<String> recentProjects, WindowGeometry window, Map<String, Double> dividers,
                Map<String, String> keyBindings, String annotator, Boolean hideAiLabels, Boolean adjudicateInReview,
                Boolean firstRunDone) {

        static Data of(Settings s) {
            return new Data(s.themeProperty().get(), s.recentProjects().stream().map(Path::toString).toList(),
                    s.windowProperty().get(), Map.copyOf(s.dividers()), Map.copyOf(s.keyBindings()),
                    s.annotatorProperty().get(), s.hideAiLabelsProperty().get(),
                    s.adjudicateInReviewProperty().get(), s.firstRunDoneProperty().get());
        }

        void applyTo(Settings s) {
            if (theme != null) {
                s.themeProperty().set(theme);
            }
            if (recentProjects != null) {
                recentProjects.stream().limit(Settings.RECENT_LIMIT).map(Path::of).forEach(s.recentProjects()::add);
            }
            if (window != null) {
                s.windowProperty().set(window);
            }
            if (dividers != null) {
                s.dividers().putAll(dividers);
            }
            if (keyBindings != null) {
                s.keyBindings().putAll(keyBindings);
            }
            if (annotator != null && !annotator.isBlank()) {
                s.annotatorProperty().set(annotator);
            }
            if (hideAiLabels != null) {
                s.hideAiLabelsProperty().set(hideAiLabels);
            }
            if (adjudicateInReview != null) {
                s.adjudicateInReviewProperty().set(adjudicateInReview);
            }
            if (firstRunDone != null) {
                s.firstRunDoneProperty().set(firstRunDone);
            }
        }
    }
}
