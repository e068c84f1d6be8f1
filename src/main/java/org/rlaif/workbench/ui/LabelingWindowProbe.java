package org.rlaif.workbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.FxStallMonitor;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.labelers.LabelersView;
import org.rlaif.workbench.ui.labelers.LabelersViewModel;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.prefs.WindowGeometry;

/**
 * Starts an AI labeling run the way a user does, from the Labelers screen of the real window, and measures whether
 * the window stays responsive meanwhile: the longest time the JavaFX thread draws no frame, how many frames it
 * draws a second, and the run's rate with the window open. Needs a display (Xvfb works). Used by
 * {@code bench label --window}.
 */
public final class LabelingWindowProbe {
    private static final long TIMEOUT_S = 600;
    private static final FxDriver FX = new FxDriver(java.time.Duration.ofSeconds(TIMEOUT_S));

    /** What one run with the window open showed. */
    public record Result(long labeled, double seconds, double longestStallMillis, long stallsOver50ms,
                         double framesPerSecond, String state, List<String> stalls) {
        public double labelsPerSecond() {
            return seconds == 0 ? 0 : labeled / seconds;
        }
    }

    private final Path project;

    public LabelingWindowProbe(Path project) {
        this.project = project;
    }

    /**
     * Opens the window on the project, fills the Labelers form (model "bench", technique preamble, one order, the
     * given concurrency), starts a run over the first {@code limit} pairs and waits for it to end.
     */
    public Result run(String baseUrl, String labelerName, int concurrency, int limit) throws Exception {
        Path settings = Files.createTempDirectory("rlaif-bench-window").resolve("settings.json");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
        FxStallMonitor stalls = new FxStallMonitor();
        WorkbenchApp app = new WorkbenchApp();
        Stage[] stage = new Stage[1];
        try {
            onFx(() -> {
                SettingsFile file = new SettingsFile(settings);
                var s = file.load();
                s.firstRunDoneProperty().set(true);
                s.windowProperty().set(new WindowGeometry(0, 0, 1440, 900, false));
                file.save(s);
                stage[0] = new Stage();
                app.start(stage[0], file, project);
            });
            await(() -> app.workspace().hasProject());
            onFx(() -> app.shell().show(Screen.LABELERS));
            LabelersViewModel vm = await(() -> labelersView(app.shellView().screenNode(Screen.LABELERS)));
            onFx(() -> {
                vm.newLabeler();
                vm.nameProperty().set(labelerName);
                vm.baseUrlProperty().set(baseUrl);
                vm.modelProperty().set("bench");
                vm.paramsProperty().set("7e9");
                vm.techniqueProperty().set(Technique.PREAMBLE);
                vm.bothOrdersProperty().set(false);
                vm.concurrencyProperty().set(concurrency);
                vm.limitProperty().set(limit);
                vm.unlabeledOnlyProperty().set(false);
                stalls.start();
            });
            Thread.sleep(500); // let the screen settle; the stall count starts from here
            onFx(stalls::reset);
            long frames0 = callFx(stalls::frames);
            long t0 = System.nanoTime();
            List<String> over50 = new CopyOnWriteArrayList<>();
            AnimationTimer gaps = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    if (last > 0 && now - last > 50_000_000L) {
                        over50.add(String.format(Locale.ROOT, "%.0f ms at %.2f s", (now - last) / 1e6,
                                (last - t0) / 1e9));
                    }
                    last = now;
                }
            };
            onFx(gaps::start);
            onFx(vm::startRun);
            await(() -> vm.runningProperty().get() ? null : Boolean.TRUE); // startRun set it at once
            double seconds = (System.nanoTime() - t0) / 1e9;
            onFx(gaps::stop);
            double longest = callFx(stalls::longestGapMillis);
            long stallCount = callFx(stalls::gapsOver50ms);
            long frames = callFx(stalls::frames) - frames0;
            String state = callFx(() -> vm.runStateProperty().get());
            ProjectStore store = app.workspace().project();
            long labeled = store.read(c -> {
                try (var ps = c.prepareStatement("SELECT count(*) FROM label l JOIN labeler b ON b.id = l.labeler_id"
                        + " WHERE b.name = ? AND l.status = 'OK'")) {
                    ps.setString(1, labelerName);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            return new Result(labeled, seconds, longest, stallCount, frames / seconds, state, List.copyOf(over50));
        } finally {
            onFx(() -> {
                stalls.stop();
                if (stage[0] != null) {
                    stage[0].close();
                }
                app.stop();
            });
            Files.deleteIfExists(settings);
            Files.deleteIfExists(settings.getParent());
        }
    }

    private static LabelersViewModel labelersView(Node node) {
        if (node instanceof LabelersView view) {
            return view.viewModel();
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                LabelersViewModel found = labelersView(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Polls {@code probe} on the FX thread until it gives non-null. */
    private static <T> T await(Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            T t = callFx(probe);
            if (t != null && !Boolean.FALSE.equals(t)) {
                return t;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the window did not get there within " + TIMEOUT_S + " s");
    }

    private static void onFx(Runnable r) throws Exception {
        FX.run(r);
    }

    private static <T> T callFx(Callable<T> c) throws Exception {
        return FX.call(c);
    }
}
