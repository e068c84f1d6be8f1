package org.rlaif.workbench.ui.pairs;

import atlantafx.base.theme.Styles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.css.PseudoClass;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairRow;

/**
 * The cells of the pairs table. Each reads its text from the row; a row not read yet shows a faint dash. States are
 * pseudo-classes, never style classes: changing a style class makes JavaFX match the whole stylesheet again for
 * that cell, which on a fast scroll through a million rows is what would freeze the window.
 */
final class PairCells {
    static final PseudoClass LOADING = PseudoClass.getPseudoClass("loading");
    private static final PseudoClass VERDICT_A = PseudoClass.getPseudoClass("verdict-a");
    private static final PseudoClass VERDICT_B = PseudoClass.getPseudoClass("verdict-b");
    private static final PseudoClass VERDICT_TIE = PseudoClass.getPseudoClass("verdict-tie");
    private static final java.util.Map<AgreementStatus, PseudoClass> STATUS = java.util.Map.of(
            AgreementStatus.AGREE, PseudoClass.getPseudoClass("agree"),
            AgreementStatus.DISPUTED, PseudoClass.getPseudoClass("disputed"),
            AgreementStatus.SINGLE, PseudoClass.getPseudoClass("single"),
            AgreementStatus.UNLABELED, PseudoClass.getPseudoClass("unlabeled"));
    private PairCells() {
    }

    /** A column showing {@code text} of each row. */
    static TableColumn<PairItem, PairRow> text(String title, double width, Function<PairRow, String> text) {
        TableColumn<PairItem, PairRow> c = column(title, width);
        c.setCellFactory(col -> new PairCell() {
            @Override
            protected void updateItem(PairRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(LOADING, !empty && row == null);
                if (empty) {
                    setText(null);
                } else if (row == null) {
                    setText("–");
                } else {
                    setText(fitted(text.apply(row), col.getWidth()));
                }
            }
        });
        return c;
    }

    /**
     * At most as many characters as the column could show: JavaFX finds where to put the ellipsis by measuring the
     * text, so a 240-character preview in a narrow column costs several times what the visible part does.
     */
    static String fitted(String text, double columnWidth) {
        int max = Math.max(8, (int) (columnWidth / 5.5));
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    static TableColumn<PairItem, PairRow> status(double width) {
        TableColumn<PairItem, PairRow> c = column("Status", width);
        c.setCellFactory(col -> new PairCell() {
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
                STATUS.forEach((status, pseudo) -> badge.pseudoClassStateChanged(pseudo, status == s));
                badge.setText(s.key());
                setGraphic(badge);
            }
        });
        return c;
    }

    /**
     * A labeler's verdict: "A", "B" or "tie", with P(A) when the labeler is not certain, coloured. The column shows
     * whichever labeler {@code labelerId} says now (a slot of {@link VerdictColumns}; -1: none); {@code created} hears
     * of each cell made, so that the slot can draw its cells again when it shows another labeler.
     */
    static TableColumn<PairItem, PairRow> verdict(LongSupplier labelerId, Consumer<PairCell> created) {
        TableColumn<PairItem, PairRow> c = column(null, 0);
        c.setReorderable(false); // slots follow the labelers' order
        c.setCellFactory(col -> {
            PairCell cell = new PairCell() {
                @Override
                protected void updateItem(PairRow row, boolean empty) {
                    super.updateItem(row, empty);
                    PairRow.Verdict v = empty || row == null ? null : row.verdicts().get(labelerId.getAsLong());
                    pseudoClassStateChanged(VERDICT_A, v != null && v.choice() == Choice.A);
                    pseudoClassStateChanged(VERDICT_B, v != null && v.choice() == Choice.B);
                    pseudoClassStateChanged(VERDICT_TIE, v != null && v.choice() == Choice.TIE);
                    setText(v == null ? (empty || row == null ? null : "") : verdictText(v)
                            + (v.samples() > 1 ? "  ×" + v.samples() : ""));
                }
            };
            created.accept(cell);
            return cell;
        });
        return c;
    }

    static String verdictText(PairRow.Verdict v) {
        String choice = v.choice() == Choice.TIE ? "tie" : v.choice().name();
        boolean certain = v.probabilityA() == 0 || v.probabilityA() == 1 || v.choice() == Choice.TIE
                && v.probabilityA() == 0.5;
        return certain ? choice : choice + "  " + twoDecimals(v.probabilityA());
    }

    /**
     * {@code p} as "0.83", exactly as {@code %.2f} writes it (half up, from the shortest decimal form of the double),
     * without building a formatter for each of a dozen cells per row.
     */
    static String twoDecimals(double p) {
        return new BigDecimal(Double.toString(p)).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * A cell of the pairs table. A row is one record read from the project; the same row read again is a new record.
     * So a row changed exactly when it is another object, and comparing two (every field, previews and verdicts
     * included, for each of a dozen cells of each row, on every new listing) is work the table need not do.
     */
    abstract static class PairCell extends TableCell<PairItem, PairRow> {
        @Override
        public boolean isItemChanged(PairRow oldItem, PairRow newItem) {
            return oldItem != newItem;
        }

        /** Draws the same row again: what the cell shows of it changed (its column shows another labeler). */
        void redraw() {
            updateItem(getItem(), isEmpty());
        }
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
