package org.rlaif.workbench.ui.pairs;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairRow;

/** The cells of the pairs table. Each reads its text from the row; a row not read yet shows a faint dash. */
final class PairCells {
    private PairCells() {
    }

    /** A column showing {@code text} of each row. */
    static TableColumn<PairItem, PairRow> text(String title, double width, Function<PairRow, String> text) {
        TableColumn<PairItem, PairRow> c = column(title, width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PairRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("loading");
                if (empty) {
                    setText(null);
                } else if (row == null) {
                    setText("–");
                    getStyleClass().add("loading");
                } else {
                    setText(text.apply(row));
                }
            }
        });
        return c;
    }

    static TableColumn<PairItem, PairRow> status(double width) {
        TableColumn<PairItem, PairRow> c = column("Status", width);
        c.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            {
                badge.getStyleClass().add("status-badge");
            }

            @Override
            protected void updateItem(PairRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                AgreementStatus s = row.status();
                badge.getStyleClass().removeAll("agree", "disputed", "single", "unlabeled");
                badge.getStyleClass().add(s.key());
                badge.setText(s.key());
                setGraphic(badge);
            }
        });
        return c;
    }

    /** One labeler's verdict: "A", "B" or "tie", with P(A) when the labeler is not certain, coloured. */
    static TableColumn<PairItem, PairRow> verdict(String title, long labelerId, double width) {
        TableColumn<PairItem, PairRow> c = column(title, width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PairRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("verdict-a", "verdict-b", "verdict-tie");
                setTooltip(null);
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                PairRow.Verdict v = row.verdicts().get(labelerId);
                if (v == null) {
                    setText("");
                    return;
                }
                setText(verdictText(v));
                getStyleClass().add(styleOf(v.choice()));
                if (v.samples() > 1) {
                    setTooltip(new Tooltip(v.samples() + " verdicts in force"));
                }
            }
        });
        return c;
    }

    static String verdictText(PairRow.Verdict v) {
        String choice = v.choice() == Choice.TIE ? "tie" : v.choice().name();
        boolean certain = v.probabilityA() == 0 || v.probabilityA() == 1 || v.choice() == Choice.TIE
                && v.probabilityA() == 0.5;
        return certain ? choice : choice + String.format(Locale.ROOT, "  %.2f", v.probabilityA());
    }

    static String styleOf(Choice c) {
        return switch (c) {
            case A -> "verdict-a";
            case B -> "verdict-b";
            case TIE -> "verdict-tie";
        };
    }

    private static TableColumn<PairItem, PairRow> column(String title, double width) {
        TableColumn<PairItem, PairRow> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> d.getValue().rowProperty());
        c.setPrefWidth(width);
        // sorting would read every row; order is chosen in the filter bar instead
        c.setSortable(false);
        c.getStyleClass().add(Styles.TEXT);
        return c;
    }
}
