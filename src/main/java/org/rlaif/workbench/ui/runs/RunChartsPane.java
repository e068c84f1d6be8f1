package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The charts of the picked runs, with the smoothing slider and the log-scale switch. What the view model collected
 * is put on screen once per frame, just before layout (a scene's pre-layout pulse listener), and only when there is
 * something: however many values arrive between two frames, the charts change once (decision 41).
 */
final class RunChartsPane extends BorderPane {
    private final RunsViewModel vm;
    private final MetricCharts charts;
    private final GridPane grid = new GridPane();
    private final Label empty = new Label("Pick one or more runs above to chart them; several picked are overlaid.");
    private final Map<String, RunChartCard> cards = new HashMap<>();
    private final Map<SeriesKey, XYChart.Series<Number, Number>> series = new HashMap<>();
    private final Runnable beforeLayout = this::applyFrame;
    private long framesApplied;
    private long longestApplyNanos;
    private long longestApplyCpuNanos;
    private final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();

    RunChartsPane(RunsViewModel vm) {
        this.vm = vm;
        this.charts = vm.charts();
        setTop(toolbar());
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setPadding(new Insets(8, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        empty.getStyleClass().add("placeholder-text");
        empty.setWrapText(true);
        empty.setPadding(new Insets(16));
        setCenter(empty);
        grid.getChildren().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c ->
                setCenter(grid.getChildren().isEmpty() ? empty : scroll));
        charts.setOnDirty(Platform::requestNextPulse);
        sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePreLayoutPulseListener(beforeLayout);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(beforeLayout);
                Platform.requestNextPulse();
            }
        });
    }

    private HBox toolbar() {
        Label smoothingLabel = new Label("Smoothing");
        Slider smoothing = new Slider(0, 0.99, vm.smoothingProperty().get());
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothing.setPrefWidth(140);
        smoothing.setId("runs-smoothing");
        smoothing.setTooltip(new Tooltip("Exponential moving average of each line (0: the values as reported)"));
        Label value = new Label();
        value.textProperty().bind(vm.smoothingProperty().map(v -> String.format(Locale.ROOT, "%.2f", v.doubleValue())));
        value.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox log = new CheckBox("Log scale");
        log.selectedProperty().bindBidirectional(vm.logScaleProperty());
        log.setId("runs-log-scale");
        log.setMinWidth(Region.USE_PREF_SIZE);
        vm.logScaleProperty().addListener((o, was, now) -> cards.values().forEach(c -> c.setLogScale(now)));
        Label hint = new Label("Values at or below zero are left out on a log scale.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.visibleProperty().bind(vm.logScaleProperty());
        hint.setMinWidth(0);
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, smoothingLabel, smoothing, value, log, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 0, 12));
        return bar;
    }

    /** Puts what changed since the last frame on screen; called before each layout, does nothing when nothing did. */
    private void applyFrame() {
        if (!charts.isDirty()) {
            return;
        }
        long start = System.nanoTime();
        long startCpu = cpu.getCurrentThreadCpuTime();
        MetricCharts.Frame f = charts.pulse();
        framesApplied++;
        try {
            apply(f);
        } finally {
            longestApplyNanos = Math.max(longestApplyNanos, System.nanoTime() - start);
            longestApplyCpuNanos = Math.max(longestApplyCpuNanos, cpu.getCurrentThreadCpuTime() - startCpu);
        }
    }

    private void apply(MetricCharts.Frame f) {
        for (SeriesKey k : f.removed()) {
            XYChart.Series<Number, Number> s = series.remove(k);
            if (s != null) {
                card(MetricGroups.chartOf(k.metric())).remove(s);
            }
        }
        if (f.lines() != null) {
            restyle(f.lines());
        }
        for (MetricSeries.Change c : f.changes()) {
            XYChart.Series<Number, Number> s = series.get(c.key());
            if (s != null) {
                RunChartCard.apply(s, c);
            }
        }
        if (f.charts() != null) {
            layoutCards(f.charts());
        }
    }

    private void restyle(Map<SeriesKey, MetricCharts.Line> lines) {
        Map<RunChartCard, Map<XYChart.Series<Number, Number>, MetricCharts.Line>> byCard = new LinkedHashMap<>();
        lines.forEach((k, look) -> {
            RunChartCard card = card(MetricGroups.chartOf(k.metric()));
            XYChart.Series<Number, Number> s = series.computeIfAbsent(k, key -> card.newSeries());
            byCard.computeIfAbsent(card, c -> new LinkedHashMap<>()).put(s, look);
        });
        cards.values().forEach(c -> c.style(byCard.getOrDefault(c, Map.of())));
    }

    private void layoutCards(List<MetricGroups.Chart> shown) {
        grid.getChildren().clear();
        for (int i = 0; i < shown.size(); i++) {
            grid.add(card(shown.get(i)), i % 2, i / 2);
        }
    }

    private RunChartCard card(MetricGroups.Chart chart) {
        return cards.computeIfAbsent(chart.id(), id -> {
            RunChartCard c = new RunChartCard(chart, this::savePng, this::saveCsv);
            c.setLogScale(vm.logScaleProperty().get());
            return c;
        });
    }

    private void savePng(RunChartCard card) {
        File f = chooser("Save chart as PNG", card.chart().id() + ".png", "PNG image", "*.png")
                .showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.exportPng(card.snapshot(), f.toPath());
        }
    }

    private void saveCsv(String chartId) {
        File f = chooser("Save chart data as CSV", chartId + ".csv", "CSV", "*.csv").showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.exportCsv(chartId, f.toPath());
        }
    }

    private static FileChooser chooser(String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        return chooser;
    }

    /** The chart cards on screen, in order (tests, screenshots). */
    List<RunChartCard> shownCards() {
        return grid.getChildren().stream().map(RunChartCard.class::cast).toList();
    }

    /** The line of one metric of one run, if it is drawn (tests). */
    XYChart.Series<Number, Number> seriesOf(long runId, String metric) {
        return series.get(new SeriesKey(runId, metric));
    }

    /** Frames that changed the charts (tests: at most one per pulse). */
    long framesApplied() {
        return framesApplied;
    }

    /** The longest the JavaFX thread took to put one frame's changes into the charts (before their layout). */
    double longestApplyMillis() {
        return longestApplyNanos / 1e6;
    }

    /** The same in CPU time of the JavaFX thread: the work itself, without the time a busy machine took it away. */
    double longestApplyCpuMillis() {
        return longestApplyCpuNanos / 1e6;
    }
}
