package org.rlaif.workbench.ui.dashboard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.Calibration;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.Outcome;
import org.rlaif.workbench.metrics.ScalingFit;
import org.rlaif.workbench.metrics.TiePolicy;
import org.rlaif.workbench.ui.common.ChartSnapshot;
import org.rlaif.workbench.ui.common.IntervalBarChart;

/**
 * The alignment dashboard: agreement with 95% intervals against the human ceiling, the scaling curve, the pairwise
 * kappa heatmap, confusion matrices, calibration, and position and length bias, for a reference, tie rule and
 * slice. Every chart exports as PNG and its data as CSV; bars, cells and matrices open the pairs behind them.
 */
public final class DashboardView extends BorderPane {
    private final DashboardViewModel vm;
    private final IntervalBarChart agreement = new IntervalBarChart();
    private final KappaHeatmap heatmap = new KappaHeatmap();
    private final ConfusionGrids confusion = new ConfusionGrids();
    private final LineChart<Number, Number> scaling;
    private final LineChart<Number, Number> calibration;
    private final BarChart<String, Number> bias;
    private final TableView<LabelerAlignment> summary = new TableView<>();
    private final VBox notes = new VBox(4);
    private final List<ChartCard> cards = new ArrayList<>();
    private final Message problem = new Message();
    private ChartCard agreementCard;
    private ChartCard scalingCard;
    private ChartCard biasCard;
    private ChartCard calibrationCard;

    public DashboardView(DashboardViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("screen", "dashboard-screen");
        scaling = scalingChart();
        calibration = calibrationChart();
        bias = biasChart();
        setTop(header());
        setCenter(body());
        vm.reportProperty().addListener((o, was, r) -> show(r));
        vm.problemProperty().addListener((o, was, p) -> {
            problem.setDescription(p);
            problem.setVisible(p != null);
            problem.setManaged(p != null);
        });
        show(vm.reportProperty().get());
        vm.activeProperty().bind(sceneProperty().isNotNull());
    }

    // ------------------------------------------------------------------ layout

    private VBox header() {
        Label title = new Label("Alignment");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.computingProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("dashboard-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button all = new Button("Export all data…", new FontIcon(Feather.DOWNLOAD));
        all.setMinWidth(Region.USE_PREF_SIZE);
        all.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the chart data (CSV)");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.exportCsv(dir.toPath());
            }
        });
        HBox top = new HBox(12, title, busy, status, grow, all);
        top.getStyleClass().add("screen-header");

        ComboBox<ReferenceChoice> reference = new ComboBox<>(vm.references());
        reference.valueProperty().bindBidirectional(vm.referenceProperty());
        reference.setId("dashboard-reference");
        ComboBox<TiePolicy> ties = new ComboBox<>();
        ties.getItems().setAll(TiePolicy.values());
        ties.valueProperty().bindBidirectional(vm.tiesProperty());
        ties.setConverter(converter(t -> t == TiePolicy.HALF ? "Ties count half" : "Ties left out"));
        ComboBox<String> dimension = new ComboBox<>();
        dimension.getItems().add(null);
        dimension.getItems().addAll(DashboardViewModel.DIMENSIONS);
        dimension.valueProperty().bindBidirectional(vm.sliceDimensionProperty());
        dimension.setConverter(converter(d -> d == null ? "All pairs" : "By " + d));
        dimension.setId("dashboard-slice");
        ComboBox<String> group = new ComboBox<>(vm.sliceGroups());
        group.valueProperty().bindBidirectional(vm.sliceGroupProperty());
        group.setPromptText("choose one");
        group.disableProperty().bind(vm.sliceDimensionProperty().isNull());
        group.setId("dashboard-slice-group");
        HBox options = new HBox(10, label("Reference"), reference, ties, label("Slice"), dimension, group);
        options.setAlignment(Pos.CENTER_LEFT);
        options.setPadding(new Insets(0, 20, 10, 20));
        problem.getStyleClass().add(Styles.WARNING);
        problem.setTitle("No report for these settings");
        problem.setVisible(false);
        problem.setManaged(false);
        VBox.setMargin(problem, new Insets(0, 20, 10, 20));
        return new VBox(top, options, problem);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private ScrollPane body() {
        agreementCard = card("agreement", "Agreement with the reference",
                "Share of shared pairs where the labeler's verdict equals the reference's, with a bootstrap 95% interval;"
                        + " the dashed line is how well humans agree with each other. Click a bar for the pairs it"
                        + " disagrees on.", agreement, () -> DashboardCsv.agreement(vm.reportProperty().get()));
        scalingCard = card("scaling", "Scaling with labeler size",
                "Agreement against parameter count (log scale) for labelers of known size, with the fitted line.",
                scaling, () -> DashboardCsv.scaling(vm.reportProperty().get()));
        ChartCard heat = card("kappa", "Pairwise Cohen's kappa",
                "Chance-corrected agreement between every two labelers. Click a cell for the pairs they disagree on.",
                heatmap, () -> DashboardCsv.pairwise(vm.reportProperty().get()));
        calibrationCard = card("calibration", "Calibration of P(A)",
                "Stated P(A) against how often the reference chose A, in ten bins; the diagonal is perfect calibration.",
                calibration, () -> DashboardCsv.calibration(vm.reportProperty().get()));
        biasCard = card("bias", "Position and length bias",
                "How often the longer response wins, how often the first shown wins, and how often a verdict survives"
                        + " swapping the order.", bias, () -> DashboardCsv.bias(vm.reportProperty().get()));
        ChartCard conf = card("confusion", "Confusion against the reference",
                "Rows: the labeler's verdict; columns: the reference's. Click a cell for its pairs.", confusion,
                () -> DashboardCsv.confusion(vm.reportProperty().get()));
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(16);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(agreementCard, 0, 0);
        grid.add(scalingCard, 1, 0);
        grid.add(heat, 0, 1);
        grid.add(calibrationCard, 1, 1);
        grid.add(biasCard, 0, 2);
        grid.add(conf, 1, 2);
        grid.add(summaryCard(), 0, 3, 2, 1);
        grid.setPadding(new Insets(4, 20, 20, 20));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private ChartCard card(String id, String title, String guide, Node chart, java.util.function.Supplier<String> csv) {
        ChartCard c = new ChartCard(id, title, guide, chart, this::savePng, csv, text -> saveCsv(id, text));
        cards.add(c);
        return c;
    }

    private VBox summaryCard() {
        summary.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        summary.setId("dashboard-summary");
        summary.getColumns().setAll(List.of(
                col("Labeler", 160, l -> l.name()),
                col("Kind", 80, l -> l.labeler().kind().toLowerCase(Locale.ROOT)),
                col("Size", 70, l -> l.labeler().params() == null ? "" : org.rlaif.workbench.ui.common.ModelSize
                        .format(l.labeler().params())),
                col("Pairs", 80, l -> String.format(Locale.ROOT, "%,d", l.pairs())),
                col("Agreement (95% CI)", 170, l -> l.agreement() == null || l.agreement().value() == null ? "—"
                        : String.format(Locale.ROOT, "%.3f%s", l.agreement().value(), l.agreement().ci95() == null ? ""
                        : String.format(Locale.ROOT, " [%.3f, %.3f]", l.agreement().ci95().lo(), l.agreement().ci95().hi()))),
                col("Kappa", 70, l -> l.agreement() == null || l.agreement().cohenKappa() == null ? "—"
                        : String.format(Locale.ROOT, "%.3f", l.agreement().cohenKappa())),
                col("Self-consistency", 120, l -> l.selfConsistency() == null ? "—"
                        : String.format(Locale.ROOT, "%.3f", l.selfConsistency().value())),
                col("Prefers longer", 110, l -> l.preferLonger() == null ? "—"
                        : String.format(Locale.ROOT, "%.3f", l.preferLonger().share())),
                col("ECE", 70, l -> l.calibration() == null ? "—" : String.format(Locale.ROOT, "%.3f", l.calibration().ece())),
                col("Failed", 70, l -> String.format(Locale.ROOT, "%,d", l.failed())),
                col("Flag", 200, l -> l.isDegenerate() ? "always answers " + l.degenerate() : "")));
        summary.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        summary.setPrefHeight(220);
        Label title = new Label("Every labeler");
        title.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(8, title, summary, notes);
        box.getStyleClass().add("chart-card");
        return box;
    }

    private static TableColumn<LabelerAlignment, String> col(String title, double width,
                                                             java.util.function.Function<LabelerAlignment, String> f) {
        TableColumn<LabelerAlignment, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static LineChart<Number, Number> scalingChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("parameters");
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return org.rlaif.workbench.ui.common.ModelSize.format(Math.pow(10, n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel("agreement");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.getStyleClass().add("scaling-chart");
        chart.setPrefHeight(300);
        return chart;
    }

    private static LineChart<Number, Number> calibrationChart() {
        LineChart<Number, Number> chart = new LineChart<>(axis("stated P(A)"), axis("share where the reference chose A"));
        chart.setAnimated(false);
        chart.setPrefHeight(300);
        chart.getStyleClass().add("calibration-chart");
        return chart;
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(0, 1, 0.2);
        a.setLabel(label);
        return a;
    }

    private static BarChart<String, Number> biasChart() {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), axis("share"));
        chart.setAnimated(false);
        chart.setPrefHeight(300);
        return chart;
    }

    // ------------------------------------------------------------------ content

    private void show(AlignmentReport r) {
        if (r == null) {
            agreement.show(List.of(), null, "", i -> { });
            scaling.getData().clear();
            calibration.getData().clear();
            bias.getData().clear();
            heatmap.getChildren().clear();
            confusion.getChildren().clear();
            summary.getItems().clear();
            notes.getChildren().clear();
            return;
        }
        showAgreement(r);
        showScaling(r);
        showCalibration(r);
        showBias(r);
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        r.labelers().forEach(l -> {
            names.add(l.name());
            indexes.add(l.index());
        });
        heatmap.show(names, indexes, r.pairwise(), (a, b) -> vm.showPairsBetween(a, b, Outcome.DISAGREE));
        confusion.show(r, vm::showPairsInCell);
        summary.getItems().setAll(r.labelers());
        notes.getChildren().clear();
        String alpha = r.krippendorffAlpha() == null ? "" : String.format(Locale.ROOT,
                "Krippendorff's alpha: humans %s, all labelers %s.", fmt(r.krippendorffAlpha().humans()),
                fmt(r.krippendorffAlpha().all()));
        String fleiss = r.fleissKappa() == null ? "" : String.format(Locale.ROOT, " Fleiss' kappa: humans %s, all %s.",
                fmt(r.fleissKappa().humans()), fmt(r.fleissKappa().all()));
        Label stats = new Label(alpha + fleiss + String.format(Locale.ROOT, " %,d disputed pairs.", r.disputedPairs()));
        stats.setWrapText(true);
        notes.getChildren().add(stats);
        for (String n : r.notes()) {
            Label l = new Label("• " + n);
            l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            l.setWrapText(true);
            notes.getChildren().add(l);
        }
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.3f", d);
    }

    private void showAgreement(AlignmentReport r) {
        List<IntervalBarChart.Bar> bars = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (LabelerAlignment l : r.labelers()) {
            var a = l.agreement();
            bars.add(new IntervalBarChart.Bar(l.name(), l.labeler().human(), a == null ? null : a.value(),
                    a == null || a.ci95() == null ? null : a.ci95().lo(),
                    a == null || a.ci95() == null ? null : a.ci95().hi(), a == null ? 0 : a.compared()));
            indexes.add(l.index());
        }
        Double ceiling = r.humanCeiling() == null ? null : r.humanCeiling().pooled().value();
        agreement.show(bars, ceiling, "human ceiling", i -> vm.showPairsBehind(indexes.get(i), Outcome.DISAGREE));
        agreementCard.setSubtitle("Reference: " + r.referenceDescription());
    }

    private void showScaling(AlignmentReport r) {
        scaling.getData().clear();
        ScalingFit fit = r.scaling();
        boolean drawn = fit != null && fit.points().size() >= 2;
        scaling.setVisible(drawn);
        scaling.setManaged(drawn);
        if (!drawn) {
            scalingCard.setSubtitle("Needs two or more labelers with a known parameter count (set it on the Labelers"
                    + " screen or with --labeler-params) and an agreement with the reference.");
            return;
        }
        XYChart.Series<Number, Number> points = new XYChart.Series<>();
        points.setName("labelers");
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (ScalingFit.Point p : fit.points()) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.log10Params(), p.agreement());
            points.getData().add(d);
            min = Math.min(min, p.log10Params());
            max = Math.max(max, p.log10Params());
        }
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName("fit");
        line.getData().add(new XYChart.Data<>(min, fit.intercept() + fit.slope() * min));
        line.getData().add(new XYChart.Data<>(max, fit.intercept() + fit.slope() * max));
        scaling.getData().setAll(List.of(points, line));
        if (r.humanCeiling() != null && r.humanCeiling().pooled().value() != null) {
            XYChart.Series<Number, Number> ceiling = new XYChart.Series<>();
            ceiling.setName("human ceiling");
            ceiling.getData().add(new XYChart.Data<>(min, r.humanCeiling().pooled().value()));
            ceiling.getData().add(new XYChart.Data<>(max, r.humanCeiling().pooled().value()));
            scaling.getData().add(ceiling);
        }
        for (int i = 0; i < fit.points().size(); i++) {
            ScalingFit.Point p = fit.points().get(i);
            Node n = points.getData().get(i).getNode();
            if (n != null) {
                Tooltip.install(n, new Tooltip(String.format(Locale.ROOT, "%s: %s parameters, agreement %.3f",
                        p.name(), org.rlaif.workbench.ui.common.ModelSize.format(p.params()), p.agreement())));
            }
        }
        scalingCard.setSubtitle(String.format(Locale.ROOT, "%+.3f agreement per tenfold size%s%s", fit.slope(),
                fit.slopeCi95() == null ? "" : String.format(Locale.ROOT, " (95%% CI %+.3f to %+.3f)",
                        fit.slopeCi95().lo(), fit.slopeCi95().hi()),
                fit.r2() == null ? "" : String.format(Locale.ROOT, ", R² %.2f", fit.r2())));
    }

    private void showCalibration(AlignmentReport r) {
        calibration.getData().clear();
        XYChart.Series<Number, Number> diagonal = new XYChart.Series<>();
        diagonal.setName("perfect");
        diagonal.getData().add(new XYChart.Data<>(0, 0));
        diagonal.getData().add(new XYChart.Data<>(1, 1));
        calibration.getData().add(diagonal);
        for (LabelerAlignment l : r.labelers()) {
            Calibration c = l.calibration();
            if (c == null) {
                continue;
            }
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(String.format(Locale.ROOT, "%s (ECE %.3f)", l.name(), c.ece()));
            for (Calibration.ReliabilityBin b : c.bins()) {
                if (b.count() > 0 && b.meanPredicted() != null && b.observedFrequency() != null) {
                    s.getData().add(new XYChart.Data<>(b.meanPredicted(), b.observedFrequency()));
                }
            }
            calibration.getData().add(s);
        }
        boolean drawn = calibration.getData().size() > 1;
        calibration.setVisible(drawn);
        calibration.setManaged(drawn);
        calibrationCard.setSubtitle(drawn ? "" : "No labeler stated P(A) here: calibration needs AI labels with a"
                + " probability (e.g. from the answer's log-probabilities).");
    }

    private void showBias(AlignmentReport r) {
        XYChart.Series<String, Number> longer = new XYChart.Series<>();
        longer.setName("prefers the longer");
        XYChart.Series<String, Number> first = new XYChart.Series<>();
        first.setName("first shown wins");
        XYChart.Series<String, Number> consistent = new XYChart.Series<>();
        consistent.setName("same verdict after swap");
        for (LabelerAlignment l : r.labelers()) {
            if (l.preferLonger() != null) {
                longer.getData().add(new XYChart.Data<>(l.name(), l.preferLonger().share()));
            }
            if (l.position() != null) {
                first.getData().add(new XYChart.Data<>(l.name(), l.position().firstShownWins()));
                consistent.getData().add(new XYChart.Data<>(l.name(), l.position().consistency()));
            }
        }
        // a measure no labeler has (no pair labeled in both orders, say) is left out rather than drawn empty
        bias.getData().setAll(java.util.stream.Stream.of(longer, first, consistent)
                .filter(series -> !series.getData().isEmpty()).toList());
        biasCard.setSubtitle(r.referencePreferLonger() == null ? ""
                : String.format(Locale.ROOT, "The reference prefers the longer response %.0f%% of the time.",
                100 * r.referencePreferLonger().share()));
    }

    // ------------------------------------------------------------------ export

    private void savePng(ChartCard card) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save chart as PNG");
        chooser.setInitialFileName(card.getId().replace("chart-", "") + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.exportPng(snapshot(card), f.toPath());
        }
    }

    /** The card as an image, without its buttons, at twice the screen's resolution (crisp on slides). */
    static java.awt.image.BufferedImage snapshot(ChartCard card) {
        return ChartSnapshot.of(card);
    }

    private void saveCsv(String id, String csv) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save chart data as CSV");
        chooser.setInitialFileName(id + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            vm.exportCsv(csv, f.toPath());
        }
    }

    /** The chart cards, for the screenshot tour and tests. */
    public List<? extends Node> cards() {
        return cards;
    }

    /** Writes every chart card as a PNG into {@code folder} (used by the screenshot tour). */
    public void exportAllPng(Path folder) {
        java.util.Map<String, java.awt.image.BufferedImage> images = new java.util.LinkedHashMap<>();
        for (ChartCard c : cards) {
            if (c.isVisible()) {
                images.put(c.getId().replace("chart-", "") + ".png", snapshot(c));
            }
        }
        vm.exportPngs(images, folder);
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
