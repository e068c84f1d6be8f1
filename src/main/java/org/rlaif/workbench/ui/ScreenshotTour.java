package org.rlaif.workbench.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.prefs.Theme;

/**
 * Opens the real window on a project, walks through the screens as a user would, and writes a PNG of each
 * (Scene.snapshot), for the README and for looking at the window without a display of one's own. Needs a
 * display: a desktop, Xvfb ({@code xvfb-run}), or Monocle's headless platform.
 */
public final class ScreenshotTour {
    private static final long SETTLE_MS = 700;
    private static final long STEP_TIMEOUT_MS = 60_000;
    private static final FxDriver FX = new FxDriver(java.time.Duration.ofMillis(STEP_TIMEOUT_MS));

    private final Path project;
    private final Path out;
    private final double width;
    private final double height;
    private final Consumer<String> log;
    private WorkbenchApp app;
    private Stage stage;

    public ScreenshotTour(Path project, Path out, double width, double height, Consumer<String> log) {
        this.project = project;
        this.out = out;
        this.width = width;
        this.height = height;
        this.log = log;
    }

    /** One step: do something in the window, wait for it to settle, and save the window as {@code name}.png. */
    private record Shot(String name, Consumer<WorkbenchApp> action) {
    }

    /** Runs the tour and returns the files written. */
    public List<Path> run() throws Exception {
        Files.createDirectories(out);
        Path settings = Files.createTempDirectory("rlaif-screenshots").resolve("settings.json");
        startToolkit();
        onFx(() -> {
            app = new WorkbenchApp();
            stage = new Stage();
            SettingsFile file = new SettingsFile(settings);
            var s = file.load();
            s.firstRunDoneProperty().set(true);
            s.windowProperty().set(new org.rlaif.workbench.ui.prefs.WindowGeometry(0, 0, width, height, false));
            file.save(s);
            app.start(stage, file, project);
        });
        waitFor(() -> app.workspace().hasProject() && app.workspace().summaryProperty().get() != null);
        settle();
        List<Path> written = new ArrayList<>();
        for (Shot shot : tour()) {
            onFx(() -> shot.action.accept(app));
            settle();
            onFx(() -> app.shellView().clearNotices());
            written.add(snapshot(shot.name));
            log.accept("wrote " + out.resolve(shot.name + ".png"));
            if (shot.name.equals("dashboard")) {
                // the charts as the dashboard's own PNG export writes them
                Path charts = out.resolve("charts");
                Files.createDirectories(charts);
                onFx(() -> ((org.rlaif.workbench.ui.dashboard.DashboardView) app.shellView()
                        .screenNode(Screen.DASHBOARD)).exportAllPng(charts));
                settle();
                log.accept("wrote the dashboard's charts to " + charts);
            }
        }
        onFx(() -> {
            stage.close();
            app.stop();
        });
        deleteQuietly(settings.getParent());
        return written;
    }

    /** Removes a scratch folder of the tour; a leftover in the temp folder is no reason to fail the tour. */
    private static void deleteQuietly(Path folder) {
        try (var all = Files.walk(folder)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // left for the system's temp cleaner
        }
    }

    private List<Shot> tour() throws java.io.IOException {
        Path preview = previewFile();
        List<Shot> shots = new ArrayList<>();
        shots.add(new Shot("start", a -> {
            a.shell().show(Screen.START);
            a.screens().start().importer().choose(List.of(preview));
        }));
        shots.add(new Shot("pairs", a -> a.shell().show(Screen.PAIRS)));
        shots.add(new Shot("pairs-disputed", a -> a.screens().pairs().showDisputed()));
        // the first pair of the project, side by side (on the sample, a pair an AI judge and the humans dispute)
        shots.add(new Shot("compare", a -> {
            a.screens().pairs().reset();
            a.workspace().focusedPairProperty().set(null);
            a.shell().show(Screen.COMPARE);
        }));
        shots.add(new Shot("review", a -> a.shell().show(Screen.REVIEW)));
        shots.add(new Shot("dashboard", a -> a.shell().show(Screen.DASHBOARD)));
        shots.add(new Shot("labelers", a -> a.shell().show(Screen.LABELERS)));
        if (hasRuns()) { // a project without runs would only show an empty table
            shots.add(new Shot("runs", a -> a.shell().show(Screen.RUNS)));
        }
        shots.add(new Shot("pairs-dark", a -> {
            a.settings().themeProperty().set(Theme.DARK);
            a.shell().show(Screen.PAIRS);
        }));
        shots.add(new Shot("compare-dark", a -> a.shell().show(Screen.COMPARE)));
        shots.add(new Shot("review-dark", a -> a.shell().show(Screen.REVIEW)));
        shots.add(new Shot("dashboard-dark", a -> a.shell().show(Screen.DASHBOARD)));
        return shots;
    }

    private boolean hasRuns() {
        try (var store = org.rlaif.workbench.store.ProjectStore.open(project)) {
            return !store.read(c -> store.runs().list(c)).isEmpty();
        }
    }

    /**
     * A few of the project's own pairs written as a TRL file, so the start screen shows a real import preview
     * (format detected, first records parsed) without reaching outside the project.
     */
    private Path previewFile() throws java.io.IOException {
        Path folder = Files.createTempDirectory("rlaif-tour-import");
        folder.toFile().deleteOnExit();
        Path file = folder.resolve("preferences.jsonl");
        file.toFile().deleteOnExit();
        StringBuilder lines = new StringBuilder();
        try (var store = org.rlaif.workbench.store.ProjectStore.open(project)) {
            for (var pair : store.read(c -> store.comparisons().page(c, 0, 8))) {
                var json = org.rlaif.workbench.io.Json.mapper().createObjectNode()
                        .put("prompt", pair.context()).put("chosen", pair.responseA()).put("rejected", pair.responseB());
                lines.append(json).append('\n');
            }
        }
        Files.writeString(file, lines);
        return file;
    }

    private Path snapshot(String name) throws Exception {
        Path file = out.resolve(name + ".png");
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                WritableImage fx = stage.getScene().snapshot(null);
                image.complete(SwingFXUtils.fromFXImage(fx, null));
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
        });
        BufferedImage img = image.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot write screenshot (" + e.getMessage() + ")", e);
        }
        return file;
    }

    /** Waits until no job has run for a while, so every screen shows its data, not its loading state. */
    private void settle() throws Exception {
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            boolean busy = callFx(() -> !app.jobs().running().isEmpty());
            if (busy) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(SETTLE_MS)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the window did not settle within " + STEP_TIMEOUT_MS / 1000 + " s");
    }

    private void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (callFx(condition::getAsBoolean)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the project did not open within " + STEP_TIMEOUT_MS / 1000 + " s");
    }

    private static void startToolkit() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    private static void onFx(Runnable r) throws Exception {
        FX.run(r);
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) throws Exception {
        return FX.call(c);
    }
}
