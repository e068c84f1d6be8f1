package org.rlaif.workbench.ui.dashboard;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.ConfusionMatrix;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelerAlignment;

/** One small confusion matrix per labeler (rows: its verdict, columns: the reference's); a cell opens its pairs. */
final class ConfusionGrids extends FlowPane {
    /** Opens the pairs of one cell. */
    interface CellAction {
        void open(int labeler, byte labelerChoice, byte referenceChoice);
    }

    ConfusionGrids() {
        super(16, 16);
        getStyleClass().add("confusion-grids");
    }

    void show(AlignmentReport report, CellAction action) {
        getChildren().clear();
        for (LabelerAlignment l : report.labelers()) {
            if (l.agreement() == null || l.agreement().compared() == 0) {
                continue;
            }
            getChildren().add(grid(l, report.referenceName(), action));
        }
    }

    private static VBox grid(LabelerAlignment l, String reference, CellAction action) {
        ConfusionMatrix m = l.agreement().confusion();
        GridPane g = new GridPane();
        g.setHgap(2);
        g.setVgap(2);
        String[] names = {"A", "B", "tie"};
        Label corner = new Label(l.name() + " ↓ / " + reference + " →");
        corner.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        for (int c = 0; c < 3; c++) {
            Label h = new Label(names[c]);
            h.getStyleClass().add(Styles.TEXT_SMALL);
            h.setMinWidth(56);
            h.setAlignment(Pos.CENTER);
            g.add(h, c + 1, 0);
        }
        long total = Math.max(1, m.total());
        for (int r = 0; r < 3; r++) {
            Label h = new Label(names[r]);
            h.getStyleClass().add(Styles.TEXT_SMALL);
            g.add(h, 0, r + 1);
            for (int c = 0; c < 3; c++) {
                long n = m.count(r, c);
                Label cell = new Label(String.format(Locale.ROOT, "%,d", n));
                cell.getStyleClass().add("heatmap-cell");
                cell.setMinSize(56, 30);
                cell.setAlignment(Pos.CENTER);
                double share = (double) n / total;
                boolean diagonal = r == c;
                cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%s, %.2f);",
                        diagonal ? "26, 152, 80" : "215, 48, 39", Math.min(0.85, 0.08 + share * 1.6)));
                byte lr = (byte) r;
                byte rr = (byte) c;
                Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT, "%s said %s, %s said %s: %,d pairs%nclick"
                        + " for them", l.name(), LabelCodes.choiceName(r), reference, LabelCodes.choiceName(c), n)));
                if (n > 0) {
                    cell.setOnMouseClicked(e -> action.open(l.index(), lr, rr));
                    cell.setCursor(javafx.scene.Cursor.HAND);
                }
                g.add(cell, c + 1, r + 1);
            }
        }
        return new VBox(4, corner, g);
    }
}
