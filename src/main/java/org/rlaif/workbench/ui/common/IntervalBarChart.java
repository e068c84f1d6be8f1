package org.rlaif.workbench.ui.common;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * Horizontal bars on [0, 1] with a 95% interval whisker each and a dashed vertical line (the human ceiling): the
 * dashboard's agreement chart, and the Runs screen's held-out agreement of reward models. Bars are clickable where
 * a click handler is given. Drawn by hand because JavaFX's charts have no error bars.
 */
public final class IntervalBarChart extends Pane {
    private static final double LABEL_WIDTH = 150;
    private static final double ROW = 30;
    private static final double AXIS = 24;

    /** One bar. {@code value} null: nothing to draw (e.g. the reference labeler itself). */
    public record Bar(String name, boolean human, Double value, Double lo, Double hi, long n) {
    }

    private List<Bar> bars = List.of();
    private Double ceiling;
    private String ceilingName = "";
    private IntConsumer onClick;

    public IntervalBarChart() {
        getStyleClass().add("interval-chart");
        setMinHeight(AXIS + ROW);
    }

    /** @param onClick told the index of a clicked bar, or null: the bars are not clickable */
    public void show(List<Bar> bars, Double ceiling, String ceilingName, IntConsumer onClick) {
        this.bars = List.copyOf(bars);
        this.ceiling = ceiling;
        this.ceilingName = ceilingName;
        this.onClick = onClick;
        setPrefHeight(AXIS + ROW * Math.max(1, bars.size()) + 26);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        getChildren().clear();
        double w = getWidth();
        double plot = Math.max(50, w - LABEL_WIDTH - 16);
        double x0 = LABEL_WIDTH;
        double height = AXIS + ROW * bars.size();
        for (int t = 0; t <= 4; t++) {
            double x = x0 + plot * t / 4.0;
            Line grid = new Line(x, 0, x, ROW * bars.size());
            grid.getStyleClass().add("grid-line");
            Label tick = new Label(String.format(Locale.ROOT, "%.2f", t / 4.0));
            tick.getStyleClass().add("axis-label");
            getChildren().addAll(grid, tick);
            place(tick, x - 12, ROW * bars.size() + 4);
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = i * ROW;
            Label name = new Label(b.name());
            name.getStyleClass().add("row-label");
            name.setPrefWidth(LABEL_WIDTH - 10);
            name.setAlignment(Pos.CENTER_RIGHT);
            name.resizeRelocate(0, y, LABEL_WIDTH - 10, ROW);
            getChildren().add(name);
            if (b.value() == null) {
                Label none = new Label(b.n() == 0 ? "no pairs in common" : "the reference");
                none.getStyleClass().add("axis-label");
                getChildren().add(none);
                place(none, x0 + 6, y + 7);
                continue;
            }
            Region bar = new Region();
            bar.getStyleClass().addAll("bar", b.human() ? "human" : "ai");
            bar.resizeRelocate(x0, y + 7, Math.max(1, plot * b.value()), ROW - 14);
            int index = i;
            if (onClick != null) {
                bar.setOnMouseClicked(e -> onClick.accept(index));
                bar.setCursor(javafx.scene.Cursor.HAND);
            }
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "%s: %.3f%s over %,d pairs%s", b.name(),
                    b.value(), b.lo() == null ? "" : String.format(Locale.ROOT, " [%.3f, %.3f]", b.lo(), b.hi()), b.n(),
                    onClick == null ? "" : "\nclick for the pairs it disagrees on")));
            getChildren().add(bar);
            if (b.lo() != null && b.hi() != null) {
                double mid = y + ROW / 2;
                Line whisker = new Line(x0 + plot * b.lo(), mid, x0 + plot * b.hi(), mid);
                Line capLo = new Line(x0 + plot * b.lo(), mid - 5, x0 + plot * b.lo(), mid + 5);
                Line capHi = new Line(x0 + plot * b.hi(), mid - 5, x0 + plot * b.hi(), mid + 5);
                for (Line l : List.of(whisker, capLo, capHi)) {
                    l.getStyleClass().add("whisker");
                    l.setMouseTransparent(true);
                }
                getChildren().addAll(whisker, capLo, capHi);
            }
            Label value = new Label(String.format(Locale.ROOT, "%.2f", b.value()));
            value.getStyleClass().add("value-label");
            value.setMouseTransparent(true);
            getChildren().add(value);
            place(value, x0 + plot * (b.hi() != null ? b.hi() : b.value()) + 6, y + 6);
        }
        if (ceiling != null) {
            double x = x0 + plot * ceiling;
            Line line = new Line(x, -4, x, ROW * bars.size());
            line.getStyleClass().add("ceiling");
            Label tag = new Label(String.format(Locale.ROOT, "- - %s %.2f", ceilingName, ceiling));
            tag.getStyleClass().add("ceiling-label");
            getChildren().addAll(line, tag);
            place(tag, x0, height);
        }
    }

    /** Labels made during layout get their style and size here, or they would stay zero-sized until next pulse. */
    private static void place(Label l, double x, double y) {
        l.applyCss();
        l.autosize();
        l.relocate(x, y);
    }

    @Override
    protected double computePrefHeight(double width) {
        return AXIS + ROW * Math.max(1, bars.size()) + 26;
    }
}
