package org.rlaif.workbench.ui.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.rlaif.workbench.metrics.PairwiseAlignment;

/**
 * Cohen's kappa for every pair of labelers as a coloured grid (red below chance, yellow moderate, green near
 * perfect); a cell opens the pairs on which the two disagree.
 */
final class KappaHeatmap extends GridPane {
    /** Opens the pairs two labelers (by table index) disagree on. */
    interface CellAction {
        void open(int first, int second);
    }

    KappaHeatmap() {
        getStyleClass().add("kappa-heatmap");
        setHgap(2);
        setVgap(2);
    }

    void show(List<String> names, List<Integer> indexes, List<PairwiseAlignment> pairs, CellAction action) {
        getChildren().clear();
        for (int i = 0; i < names.size(); i++) {
            Label row = new Label(names.get(i));
            row.getStyleClass().add("heatmap-name");
            add(row, 0, i + 1);
            Label col = new Label(names.get(i));
            col.getStyleClass().add("heatmap-name");
            col.setRotate(-90);
            // a Group lays out by the rotated bounds, so the column header takes the room the turned text needs
            javafx.scene.Group turned = new javafx.scene.Group(col);
            GridPane.setHalignment(turned, javafx.geometry.HPos.CENTER);
            GridPane.setValignment(turned, javafx.geometry.VPos.BOTTOM);
            add(turned, i + 1, 0);
        }
        for (int r = 0; r < names.size(); r++) {
            for (int c = 0; c < names.size(); c++) {
                Label cell = new Label();
                cell.getStyleClass().add("heatmap-cell");
                cell.setMinSize(64, 34);
                cell.setAlignment(Pos.CENTER);
                if (r == c) {
                    cell.setText("—");
                } else {
                    PairwiseAlignment p = find(pairs, indexes.get(r), indexes.get(c));
                    Double kappa = p == null ? null : p.agreement().cohenKappa();
                    cell.setText(kappa == null ? "n/a" : String.format(Locale.ROOT, "%.2f", kappa));
                    if (kappa != null) {
                        cell.setStyle("-fx-background-color: " + colour(kappa) + "; -fx-text-fill: #1f2328;");
                    }
                    if (p != null) {
                        int first = indexes.get(r);
                        int second = indexes.get(c);
                        Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT,
                                "%s vs %s%nkappa %s, agreement %.3f over %,d pairs%nclick for the pairs they disagree on",
                                names.get(r), names.get(c), kappa == null ? "n/a" : String.format(Locale.ROOT, "%.3f", kappa),
                                p.agreement().value() == null ? Double.NaN : p.agreement().value(), p.agreement().compared())));
                        cell.setOnMouseClicked(e -> action.open(first, second));
                        cell.setCursor(javafx.scene.Cursor.HAND);
                    }
                }
                add(cell, c + 1, r + 1);
            }
        }
    }

    private static PairwiseAlignment find(List<PairwiseAlignment> pairs, int a, int b) {
        for (PairwiseAlignment p : pairs) {
            if ((p.first() == a && p.second() == b) || (p.first() == b && p.second() == a)) {
                return p;
            }
        }
        return null;
    }

    /** A diverging scale fixed in meaning (not by theme): below 0 red, 0.4 yellow, 1 green. */
    static String colour(double kappa) {
        double k = Math.max(-0.2, Math.min(1, kappa));
        double[][] stops = {{-0.2, 0xd7, 0x30, 0x27}, {0.0, 0xf4, 0x6d, 0x43}, {0.4, 0xfe, 0xe0, 0x8b},
                {0.7, 0x91, 0xcf, 0x60}, {1.0, 0x1a, 0x98, 0x50}};
        for (int i = 1; i < stops.length; i++) {
            if (k <= stops[i][0]) {
                double t = (k - stops[i - 1][0]) / (stops[i][0] - stops[i - 1][0]);
                return String.format(Locale.ROOT, "#%02x%02x%02x", mix(stops[i - 1][1], stops[i][1], t),
                        mix(stops[i - 1][2], stops[i][2], t), mix(stops[i - 1][3], stops[i][3], t));
            }
        }
        return "#1a9850";
    }

    private static int mix(double a, double b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
