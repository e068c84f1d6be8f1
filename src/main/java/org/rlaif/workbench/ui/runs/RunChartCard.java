package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One chart of the Runs screen: a line chart of one quantity (several runs and figures overlaid), its own legend
 * (JavaFX's legend cannot show dashes), and PNG / CSV export. Lines are changed at their end only
 * ({@link MetricSeries.Change}); nothing is animated and no point has a symbol, so a frame with new values costs
 * the chart the points that changed.
 */
final class RunChartCard extends VBox {
    /** Line colours that read on the light and the dark theme alike. */
    static final String[] PALETTE = {"#2f81f7", "#d9822b", "#2da44e", "#a371f7", "#e5534b", "#1b9aaa", "#bf8700",
            "#db61a2"};

    private final MetricGroups.Chart chart;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> lines = new LineChart<>(x, y);
    private final FlowPane legend = new FlowPane(12, 2);

    RunChartCard(MetricGroups.Chart chart, Consumer<RunChartCard> png, Consumer<String> csv) {
        this.chart = chart;
        getStyleClass().addAll("chart-card", "run-chart");
        setId("run-chart-" + chart.id());
        Label title = new Label(chart.title());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true); // a narrow card wraps a long metric name rather than cutting it
        title.setMinWidth(0);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button image = exportButton("PNG", Feather.IMAGE, "Save this chart as a PNG image");
        image.setOnAction(e -> png.accept(this));
        Button data = exportButton("CSV", Feather.FILE_TEXT, "Save the values behind this chart as CSV");
        data.setOnAction(e -> csv.accept(chart.id()));
        HBox head = new HBox(6, title, grow, image, data);
        head.setAlignment(Pos.CENTER_LEFT);
        x.setLabel("step");
        x.setTickLabelFormatter(ticks(false));
        x.setForceZeroInRange(false);
        y.setForceZeroInRange(false);
        y.setTickLabelFormatter(ticks(false));
        lines.setAnimated(false);
        lines.setCreateSymbols(false);
        lines.setLegendVisible(false);
        lines.setMinHeight(150);
        lines.setPrefHeight(210);
        legend.getStyleClass().add("run-chart-legend");
        getChildren().addAll(head, legend, lines);
        VBox.setVgrow(lines, Priority.ALWAYS);
    }

    private static Button exportButton(String text, Feather icon, String tip) {
        Button b = new Button(text, new FontIcon(icon));
        b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    MetricGroups.Chart chart() {
        return chart;
    }

    LineChart<Number, Number> lineChart() {
        return lines;
    }

    /** On a log scale the line holds log10 of the values; the ticks say the values. */
    void setLogScale(boolean on) {
        y.setLabel(on ? "log scale" : null);
        y.setTickLabelFormatter(ticks(on));
    }

    private static StringConverter<Number> ticks(boolean log) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return MetricCharts.tick(log ? Math.pow(10, n.doubleValue()) : n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    XYChart.Series<Number, Number> newSeries() {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        lines.getData().add(s);
        return s;
    }

    void remove(XYChart.Series<Number, Number> s) {
        lines.getData().remove(s);
    }

    /** Styles each line of this chart and draws the legend. */
    void style(Map<XYChart.Series<Number, Number>, MetricCharts.Line> looks) {
        legend.getChildren().clear();
        looks.forEach((series, look) -> {
            String style = style(look);
            if (series.getNode() != null) {
                series.getNode().setStyle(style);
            }
            Line swatch = new Line(0, 0, 18, 0);
            swatch.setStyle(style);
            Label name = new Label(look.name(), swatch);
            name.getStyleClass().addAll(Styles.TEXT_SMALL);
            legend.getChildren().add(name);
        });
    }

    static String style(MetricCharts.Line look) {
        String dash = switch (look.dash()) {
            case SOLID -> "";
            case DASHED -> " -fx-stroke-dash-array: 7 4;";
            case DOTTED -> " -fx-stroke-dash-array: 2 3;";
        };
        return "-fx-stroke: " + PALETTE[Math.floorMod(look.color(), PALETTE.length)] + "; -fx-stroke-width: 2;" + dash;
    }

    /** Keeps the first {@code from} points of {@code series} and puts {@code points} after them. */
    static void apply(XYChart.Series<Number, Number> series, MetricSeries.Change change) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        if (change.from() < data.size()) {
            data.remove(change.from(), data.size());
        }
        List<XYChart.Data<Number, Number>> more = new ArrayList<>(change.points().size());
        for (double[] p : change.points()) {
            more.add(new XYChart.Data<>(p[0], p[1]));
        }
        data.addAll(more);
    }

    /** The card as an image, without its buttons, at twice the screen's resolution (crisp on slides). */
    java.awt.image.BufferedImage snapshot() {
        return org.rlaif.workbench.ui.common.ChartSnapshot.of(this);
    }
}
