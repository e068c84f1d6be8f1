package org.rlaif.workbench.ui.pairs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.PairRow;

/**
 * The pairs table's labeler columns: a fixed set of slots, the first ones showing the labelers in order, the rest
 * spare (no width, no header). A labeler that arrives (an import, a labeling run) fills a spare slot; the labelers
 * after it in the order move one slot along.
 *
 * <p>Why slots and not a column per labeler: JavaFX rebuilds every row's cells when the table's set of visible
 * columns changes: each row takes all its cells out of the scene and puts them back, and every one has its style
 * worked out again. With a dozen columns and forty rows on screen that frame took 80–160 ms, and it came exactly
 * when an import finished, while the user was working. Filling a slot changes a column's width, header and what
 * its cells read: the rows lay out again, but no cell leaves the scene. The set of columns changes only when the
 * spare slots run out (then {@link #SPARE} more are made) or when the user hides a labeler.
 */
final class VerdictColumns {
    /** Spare slots kept beyond the labelers: this many labelers can arrive before the columns are rebuilt. */
    static final int SPARE = 3;

    private final List<Slot> slots = new ArrayList<>();
    /** Widths the user gave labelers' columns by dragging; a labeler keeps its width when it moves to another slot. */
    private final Map<Long, Double> widths = new HashMap<>();
    private final Set<Long> hidden = new HashSet<>();
    private List<Labeler> shown = List.of();

    /**
     * Shows {@code labelers} in this order. Returns true when the set of columns changed (the slots ran out): the
     * caller then puts {@link #columns()} in the table.
     */
    boolean show(List<Labeler> labelers) {
        shown = List.copyOf(labelers);
        boolean grew = false;
        if (labelers.size() > slots.size()) {
            while (slots.size() < labelers.size() + SPARE) {
                slots.add(new Slot());
            }
            grew = true;
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).show(i < labelers.size() ? labelers.get(i) : null);
        }
        return grew;
    }

    List<TableColumn<PairItem, PairRow>> columns() {
        return slots.stream().map(s -> s.column).toList();
    }

    /** The labelers shown, in their order. */
    List<Labeler> labelers() {
        return shown;
    }

    boolean isHidden(long labelerId) {
        return hidden.contains(labelerId);
    }

    /** Hides or shows a labeler's column (the columns menu): this changes the set of visible columns, as it must. */
    void setHidden(long labelerId, boolean hide) {
        if (hide ? hidden.add(labelerId) : hidden.remove(labelerId)) {
            show(shown);
        }
    }

    /**
     * Forgets the widths and hidden columns chosen for labelers: another project is open, and its labeler ids are
     * other labelers (ids start again at 1 in every project).
     */
    void forgetChoices() {
        widths.clear();
        hidden.clear();
        show(shown);
    }

    /** What a slot's header shows of its labeler: a renamed or resized labeler gets a new header. */
    private record HeaderOf(String name, boolean human, Double params) {
        static HeaderOf of(Labeler l) {
            return new HeaderOf(l.name(), l.isHuman(), l.params());
        }
    }

    /** One column and the labeler it shows (none while spare). */
    private final class Slot {
        final TableColumn<PairItem, PairRow> column;
        /** The column's cells alive now, to draw again when the slot shows another labeler. */
        final Set<PairCells.PairCell> cells = Collections.newSetFromMap(new WeakHashMap<>());
        long labelerId = -1;
        HeaderOf header;
        boolean applying;

        Slot() {
            column = PairCells.verdict(this::labelerId, cells::add);
            column.widthProperty().addListener((o, was, now) -> {
                if (!applying && labelerId >= 0) {
                    widths.put(labelerId, now.doubleValue());
                }
            });
            spare();
        }

        long labelerId() {
            return labelerId;
        }

        void show(Labeler l) {
            long id = l == null ? -1 : l.id();
            HeaderOf h = l == null ? null : HeaderOf.of(l);
            boolean visible = l == null || !hidden.contains(id);
            if (id == labelerId && Objects.equals(h, header)) {
                column.setVisible(visible);
                return;
            }
            applying = true;
            try {
                labelerId = id;
                header = h;
                if (l == null) {
                    spare();
                } else {
                    column.getStyleClass().remove("spare-verdict");
                    column.setGraphic(header(l));
                    column.setMinWidth(40);
                    column.setMaxWidth(5_000);
                    column.setPrefWidth(widths.getOrDefault(id, width(l)));
                    column.setResizable(true);
                }
                column.setVisible(visible);
                // the rows may be the same records as before: their cells read the slot's new labeler now
                List.copyOf(cells).forEach(PairCells.PairCell::redraw);
            } finally {
                applying = false;
            }
        }

        private void spare() {
            column.setGraphic(null);
            column.setMinWidth(0);
            column.setPrefWidth(0);
            column.setMaxWidth(0);
            column.setResizable(false);
            if (!column.getStyleClass().contains("spare-verdict")) {
                column.getStyleClass().add("spare-verdict");
            }
        }
    }

    private static double width(Labeler l) {
        return Math.min(240, Math.max(96, 62 + 9.5 * l.name().length()));
    }

    private static Label header(Labeler l) {
        Label header = new Label(l.name(), new FontIcon(l.isHuman() ? Feather.USER : Feather.CPU));
        header.setTooltip(new Tooltip(l.name() + " (" + l.kind().name().toLowerCase(Locale.ROOT)
                + (l.params() == null ? "" : String.format(Locale.ROOT, ", %.3g parameters", l.params())) + ")"));
        return header;
    }
}
