package org.rlaif.workbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.ui.common.FxStallMonitor;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.pairs.PagedPairs;
import org.rlaif.workbench.ui.pairs.PairItem;
import org.rlaif.workbench.ui.pairs.PairsViewModel;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.prefs.WindowGeometry;
import org.rlaif.workbench.ui.review.ReviewViewModel;

/**
 * Drives the real window on a big project and times what a user waits for: launch to the first page of pairs,
 * a filter or search to the table showing its result, and the longest time the JavaFX thread draws no frame while
 * scrolling, importing and labeling. Needs a display (Xvfb works). Used by {@code bench ui}.
 */
public final class WindowBenchmark {
    private static final long TIMEOUT_S = 300;
    private static final FxDriver FX = new FxDriver(java.time.Duration.ofSeconds(TIMEOUT_S));
    /** How long the benchmark leaves the window alone after launch, before its first filter. */
    static final long SETTLE_MS = 2_000;

    /** The parts of the benchmark after launch, in the order they run. */
    public enum Phase {
        FILTER, SCROLL, IMPORT, LABEL
    }

    /** One figure. */
    public record Figure(String name, double value, String unit) {
    }

    private final Path project;
    private final Path importFile;
    private final Consumer<String> log;
    private final Set<Phase> phases;
    private final List<Figure> figures = new ArrayList<>();
    private final FxStallMonitor stalls = new FxStallMonitor();
    private WorkbenchApp app;
    private Stage stage;
    private PulseBreakdown pulses;

    public WindowBenchmark(Path project, Path importFile, Consumer<String> log) {
        this(project, importFile, EnumSet.allOf(Phase.class), log);
    }

    public WindowBenchmark(Path project, Path importFile, Set<Phase> phases, Consumer<String> log) {
        this.project = project;
        this.importFile = importFile;
        this.phases = Set.copyOf(phases);
        this.log = log;
    }

    public List<Figure> run() throws Exception {
        Path settings = Files.createTempDirectory("rlaif-bench-ui").resolve("settings.json");
        pulses = PulseBreakdown.install();
        long t0 = System.nanoTime();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
        onFx(() -> {
            stalls.start();
            SettingsFile file = new SettingsFile(settings);
            var s = file.load();
            s.firstRunDoneProperty().set(true);
            s.windowProperty().set(new WindowGeometry(0, 0, 1440, 900, false));
            file.save(s);
            app = new WorkbenchApp();
            stage = new Stage();
            app.start(stage, file, project);
        });
        awaitFrameAfter(() -> app.workspace().hasProject() && firstRowShown(tableOnFx()));
        figure("launch in this JVM: toolkit start to first page of pairs shown", ms(System.nanoTime() - t0), "ms");
        stall("longest FX stall during launch");
        // as a user would, look at the window a moment before filtering: the jobs of the launch finish and the work
        // the window leaves for idle time (building the hidden filters) is done, not charged to the first filter
        awaitFrameAfter(() -> app.jobs().running().isEmpty());
        Thread.sleep(SETTLE_MS);

        if (phases.contains(Phase.FILTER)) {
            pulses.phase("filtering");
            filters();
        }
        if (phases.contains(Phase.SCROLL)) {
            pulses.phase("scrolling");
            scrolling();
        }
        if (importFile != null && phases.contains(Phase.IMPORT)) {
            pulses.phase("importing");
            importing();
        }
        if (phases.contains(Phase.LABEL)) {
            labeling();
        }
        pulses.phase("done");
        onFx(() -> {
            stalls.stop();
            stage.close();
            app.stop();
        });
        pulses.worst().forEach((phase, w) -> {
            if (!phase.equals("done")) {
                figure("worst pulse while " + phase + ": JavaFX-thread work (CSS, layout, sync)", w.fxWorkMs(), "ms");
                figure("worst pulse while " + phase + ": painting (software rendering here)", w.paintingMs(), "ms");
            }
        });
        return figures;
    }

    // ------------------------------------------------------------------ phases

    private void filters() throws Exception {
        PairsViewModel vm = app.screens().pairs();
        long labelerId = callFx(() -> vm.labelers().get(vm.labelers().size() - 1).id());
        record Step(String name, Runnable change) {
        }
        List<Step> steps = List.of(
                new Step("status = disputed", () -> vm.statuses().add(AgreementStatus.DISPUTED)),
                new Step("+ task = summarization", () -> vm.tasks().add(Task.SUMMARIZATION)),
                new Step("reset", vm::reset),
                new Step("labeler chose A", () -> {
                    vm.labelerProperty().set(vm.labelers().stream().filter(l -> l.id() == labelerId).findFirst().orElseThrow());
                    vm.labelerModeProperty().set(PairFilter.LabelerCondition.Mode.CHOSE_A);
                }),
                new Step("reset", vm::reset),
                new Step("confidence 0.8-1.0", () -> {
                    vm.minConfidenceProperty().set(0.8);
                    vm.maxConfidenceProperty().set(1.0);
                }),
                new Step("reset", vm::reset),
                new Step("search: volcanoes", () -> vm.searchProperty().set("volcanoes")),
                new Step("search: \"request 123456\"", () -> vm.searchProperty().set("\"request 123456\"")),
                new Step("search + disputed", () -> {
                    vm.searchProperty().set("marathon");
                    vm.statuses().add(AgreementStatus.DISPUTED);
                }),
                new Step("reset", vm::reset));
        onFx(stalls::reset);
        for (Step step : steps) {
            double t = timeListing(vm, step.change);
            figure("filter: " + step.name + " to table updated", t, "ms");
        }
        stall("longest FX stall while filtering");
    }

    /** Applies a filter change and waits for the new listing to be drawn. */
    private double timeListing(PairsViewModel vm, Runnable change) throws Exception {
        CompletableFuture<Long> changed = new CompletableFuture<>();
        long[] start = new long[1];
        onFx(() -> {
            javafx.beans.value.ChangeListener<PagedPairs> once = new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends PagedPairs> o, PagedPairs was,
                                    PagedPairs now) {
                    vm.itemsProperty().removeListener(this);
                    changed.complete(System.nanoTime());
                }
            };
            vm.itemsProperty().addListener(once);
            start[0] = System.nanoTime();
            change.run();
        });
        changed.get(TIMEOUT_S, TimeUnit.SECONDS);
        awaitFrameAfter(() -> true);
        return ms(System.nanoTime() - start[0]);
    }

    private void scrolling() throws Exception {
        TableView<PairItem> table = pairsTable();
        onFx(stalls::reset);
        drive(600, frame -> flow(table).scrollPixels(60));
        stall("longest FX stall while scrolling (60 px per frame = 3,600 px/s, 600 frames)");
        onFx(stalls::reset);
        drive(300, frame -> flow(table).scrollPixels(600));
        stall("longest FX stall while flinging (600 px per frame = 36,000 px/s, 300 frames)");
        ScrollBar bar = callFx(() -> (ScrollBar) table.getParent().lookup("#pairs-scrollbar"));
        onFx(stalls::reset);
        Random rnd = new Random(1);
        int size = callFx(() -> (int) bar.getMax() + 1);
        drive(120, frame -> bar.setValue(rnd.nextInt(size)));
        stall("longest FX stall while dragging the scroll bar (a random row each frame, 120 frames)");
        List<Double> fills = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int target = rnd.nextInt(size);
            long t = System.nanoTime();
            onFx(() -> bar.setValue(target));
            awaitFrameAfter(() -> visibleRowsLoaded(table));
            fills.add(ms(System.nanoTime() - t));
        }
        figure("jump to a random row until every visible row is filled (median of 10)", median(fills), "ms");
    }

    private void importing() throws Exception {
        var importer = app.screens().start().importer();
        TableView<PairItem> table = pairsTable();
        onFx(() -> importer.choose(List.of(importFile)));
        awaitFrameAfter(() -> importer.previewProperty().get() != null || importer.problemProperty().get() != null);
        onFx(stalls::reset);
        long t = System.nanoTime();
        onFx(importer::start);
        // keep scrolling the table while the import runs, as a user browsing meanwhile would, at the scrolling phase's
        // pace (a fling has its own phase): what is measured is what the import adds to the window's work
        while (callFx(() -> importer.runningProperty().get())) {
            drive(30, frame -> flow(table).scrollPixels(60));
        }
        double took = ms(System.nanoTime() - t);
        if (callFx(() -> importer.problemProperty().get()) != null) {
            throw new IllegalStateException("import failed: " + callFx(() -> importer.problemProperty().get()));
        }
        long pairs = callFx(() -> importer.reportProperty().get().pairsAdded());
        figure(String.format("import of %,d pairs into the open project, while scrolling (60 px per frame)", pairs), took, "ms");
        stall("longest FX stall while importing");
    }

    private void labeling() throws Exception {
        onFx(() -> app.shell().show(Screen.REVIEW));
        ReviewViewModel vm = app.screens().review();
        awaitFrameAfter(() -> vm.currentProperty().get() != null && !vm.busyProperty().get());
        pulses.phase("labeling");
        onFx(stalls::reset);
        List<Double> latencies = new ArrayList<>();
        KeyCode[] keys = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.T};
        for (int i = 0; i < 40; i++) {
            KeyCode key = i % 8 == 7 ? KeyCode.U : keys[i % 3];
            long before = callFx(() -> vm.currentProperty().get().pair().id());
            long t = System.nanoTime();
            onFx(() -> vm.handleKey(key));
            awaitFrameAfter(() -> !vm.busyProperty().get() && vm.currentProperty().get() != null
                    && vm.currentProperty().get().pair().id() != before);
            latencies.add(ms(System.nanoTime() - t));
        }
        figure("review: key pressed to next pair shown (median of 40, incl. undo)", median(latencies), "ms");
        figure("review: key pressed to next pair shown (worst of 40)", latencies.stream().mapToDouble(d -> d).max()
                .orElse(0), "ms");
        stall("longest FX stall while labeling");
    }

    // ------------------------------------------------------------------ helpers

    private TableView<PairItem> pairsTable() throws Exception {
        return callFx(this::tableOnFx);
    }

    @SuppressWarnings("unchecked")
    private TableView<PairItem> tableOnFx() {
        return (TableView<PairItem>) app.shellView().screenNode(Screen.PAIRS).lookup("#pairs-table");
    }

    private static VirtualFlow<?> flow(TableView<?> table) {
        return (VirtualFlow<?>) table.lookup(".virtual-flow");
    }

    private static boolean firstRowShown(TableView<PairItem> table) {
        return table != null && table.getItems() != null && !table.getItems().isEmpty()
                && table.getItems().get(0).row() != null && flow(table) != null && flow(table).getFirstVisibleCell() != null;
    }

    private static boolean visibleRowsLoaded(TableView<PairItem> table) {
        VirtualFlow<?> flow = flow(table);
        if (flow == null || flow.getFirstVisibleCell() == null) {
            return false;
        }
        var items = table.getItems();
        for (int i = flow.getFirstVisibleCell().getIndex(); i <= flow.getLastVisibleCell().getIndex(); i++) {
            if (i >= 0 && i < items.size() && items.get(i).row() == null) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code step} once per frame for {@code frames} frames. */
    private void drive(int frames, java.util.function.IntConsumer step) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onFx(() -> new AnimationTimer() {
            int n;

            @Override
            public void handle(long now) {
                if (n == frames) {
                    stop();
                    done.complete(null);
                    return;
                }
                step.accept(n++);
            }
        }.start());
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} holds at a frame, then for one more frame (so what it shows was drawn). */
    private void awaitFrameAfter(BooleanSupplier condition) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onFx(() -> new AnimationTimer() {
            boolean met;

            @Override
            public void handle(long now) {
                if (met) {
                    stop();
                    done.complete(null);
                } else {
                    try {
                        met = condition.getAsBoolean();
                    } catch (RuntimeException e) {
                        stop();
                        done.completeExceptionally(e);
                    }
                }
            }
        }.start());
        done.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The longest stall since the last reset, and how the other frames were spread (printed on the log only). */
    private double stall(String name) throws Exception {
        double longest = callFx(stalls::longestGapMillis);
        String spread = callFx(() -> String.format(Locale.ROOT,
                "frames %d, gap p50 %.1f ms, p99 %.1f ms, over 50 ms: %d", stalls.gapsMeasured(),
                stalls.percentileMillis(0.5), stalls.percentileMillis(0.99), stalls.gapsOver50ms()));
        String when = callFx(() -> stalls.longStalls().stream().limit(12)
                .map(st -> String.format(Locale.ROOT, "%.0f ms at %.2f s", st.gapMillis(), st.atMillis() / 1000))
                .collect(java.util.stream.Collectors.joining(", ")));
        figure(name, longest, "ms");
        log.accept("      (" + spread + ")");
        if (!when.isEmpty()) {
            log.accept("      (gaps over 50 ms, from the phase's start: " + when + ")");
        }
        return longest;
    }

    private void figure(String name, double value, String unit) {
        figures.add(new Figure(name, value, unit));
        log.accept(String.format("  %-75s %10.1f %s", name, value, unit));
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void onFx(Runnable r) throws Exception {
        FX.run(r);
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) throws Exception {
        return FX.call(c);
    }
}
