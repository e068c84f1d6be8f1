package org.rlaif.workbench.ui.compare;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A response with its word-level differences highlighted: the text in a {@link TextFlow}, and behind it one shape
 * covering the changed runs (TextFlow.rangeShape), redrawn whenever the text wraps differently.
 */
final class DiffText extends Pane {
    private final TextFlow flow = new TextFlow();
    private final Path highlight = new Path();
    private final List<int[]> changed = new ArrayList<>();
    private boolean highlighting = true;

    DiffText(String changedStyle) {
        getStyleClass().add("diff-text");
        flow.getStyleClass().add("diff-text");
        highlight.getStyleClass().add(changedStyle);
        highlight.setManaged(false);
        getChildren().addAll(highlight, flow);
        flow.layoutBoundsProperty().addListener(o -> redraw());
    }

    /** Shows {@code text} with {@code segments} (null: plain text, no differences). */
    void show(String text, List<WordDiff.Segment> segments, String changedTextStyle) {
        changed.clear();
        List<Text> nodes = new ArrayList<>();
        if (segments == null || segments.isEmpty()) {
            Text t = new Text(text);
            t.getStyleClass().add("diff-same-text");
            nodes.add(t);
        } else {
            for (WordDiff.Segment s : segments) {
                Text t = new Text(s.of(text));
                boolean change = s.kind() == WordDiff.Kind.CHANGED;
                t.getStyleClass().add(change ? changedTextStyle : "diff-same-text");
                nodes.add(t);
                if (change) {
                    changed.add(new int[] {s.start(), s.end()});
                }
            }
        }
        flow.getChildren().setAll(nodes);
        requestLayout();
    }

    void setHighlighting(boolean on) {
        highlighting = on;
        flow.getStyleClass().remove("no-highlight");
        if (!on) {
            flow.getStyleClass().add("no-highlight");
        }
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        flow.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, flow.prefHeight(w));
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = (width < 0 ? getWidth() : width) - snappedLeftInset() - snappedRightInset();
        return snappedTopInset() + flow.prefHeight(w) + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    private void redraw() {
        highlight.getElements().clear();
        if (!highlighting) {
            return;
        }
        for (int[] range : changed) {
            PathElement[] shape = flow.rangeShape(range[0], range[1]);
            highlight.getElements().addAll(shape);
        }
        highlight.setLayoutX(flow.getLayoutX());
        highlight.setLayoutY(flow.getLayoutY());
    }
}
