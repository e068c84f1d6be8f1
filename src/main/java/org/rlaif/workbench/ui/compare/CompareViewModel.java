package org.rlaif.workbench.ui.compare;

import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.PairSelection;
import org.rlaif.workbench.ui.common.WhileShown;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * The compare screen: the pair in focus with its word diff, every labeler's verdict, the adjudication and the
 * label history; next and previous walk the listing of the pairs screen.
 */
public final class CompareViewModel {
    private final Workspace workspace;
    private final PairQuery query = new PairQuery();
    private final PairDetailsReader reader = new PairDetailsReader();
    private final ReadOnlyObjectWrapper<PairDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final BooleanProperty highlight = new SimpleBooleanProperty(this, "highlight", true);
    private final WhileShown whenShown;
    private final javafx.beans.property.ReadOnlyStringWrapper position =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "position", "");
    private JobHandle running;
    private JobHandle locating;
    private boolean focusing;

    public CompareViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.whenShown = new WhileShown(workspace::hasProject, this::load);
        workspace.focusedPairProperty().addListener((o, was, now) -> {
            if (!focusing) {
                whenShown.changed();
            }
        });
        workspace.revisionProperty().addListener((o, was, now) -> {
            whenShown.changed();
        });
        workspace.projectProperty().addListener((o, was, now) -> {
            details.set(null);
            whenShown.markDue();
        });
        whenShown.runIfDue();
    }

    /** Reads the pair in focus (or, with none, the first of the listing). */
    public void load() {
        ProjectStore store = workspace.project();
        if (store == null) {
            return;
        }
        whenShown.ran();
        if (running != null && running.isRunning()) {
            running.cancel();
        }
        Long focused = workspace.focusedPairProperty().get();
        PairFilter filter = workspace.browsingProperty().get();
        PairOrder order = workspace.browsingOrderProperty().get();
        loading.set(true);
        running = workspace.jobs().submit("Reading pair", ctx -> Workspace.readCurrent(store, c -> {
            Long id = focused;
            if (id == null) {
                id = query.page(c, filter, order, null, 0, 1).stream().map(k -> k.id()).findFirst()
                        .orElse(query.page(c, PairFilter.ALL, PairOrder.ID, null, 0, 1).stream().map(k -> k.id())
                                .findFirst().orElse(null));
            }
            if (id == null) {
                return Optional.<PairDetails>empty();
            }
            Optional<Comparison> pair = store.comparisons().find(c, id);
            if (pair.isEmpty()) {
                return Optional.<PairDetails>empty();
            }
            return Optional.of(reader.read(store, c, pair.get()));
        }), d -> {
            loading.set(false);
            if (workspace.project() == store) {
                details.set(d.orElse(null));
                if (d.isPresent() && focused == null) {
                    // remember the pair shown, so next/previous know where we are
                    focusing = true;
                    workspace.focusedPairProperty().set(d.get().pair().id());
                    focusing = false;
                }
                d.ifPresent(x -> locate(store, x.pair().id(), filter, order));
            }
        }, e -> {
            loading.set(false);
            workspace.notify(Notice.error("Cannot read the pair", e));
        });
    }

    /**
     * Finds where the pair sits in the listing, after the pair is shown: counting a filtered listing of a million
     * pairs can take a moment, and the pair itself should not wait for it.
     */
    private void locate(ProjectStore store, long pairId, PairFilter filter, PairOrder order) {
        position.set("");
        PairSelection chosen = workspace.selectionProperty().get();
        if (chosen != null && chosen.indexOf(pairId) >= 0) {
            position.set(String.format(java.util.Locale.ROOT, "%,d of %,d selected", chosen.indexOf(pairId) + 1,
                    chosen.size()));
            return;
        }
        if (locating != null && locating.isRunning()) {
            locating.cancel();
        }
        locating = workspace.jobs().submit("Finding the pair in the listing", ctx -> store.read(c ->
                new long[] {query.position(c, filter, order, pairId), query.count(c, filter, order)}), p -> {
            PairDetails d = details.get();
            if (d != null && d.pair().id() == pairId) {
                position.set(p[0] > 0 ? String.format(java.util.Locale.ROOT, "%,d of %,d", p[0], p[1])
                        : "not in the current listing");
            }
        }, e -> position.set(""));
    }

    // ------------------------------------------------------------------ commands

    public void next() {
        step(true);
    }

    public void previous() {
        step(false);
    }

    private void step(boolean forward) {
        PairDetails d = details.get();
        ProjectStore store = workspace.project();
        if (d == null || store == null) {
            return;
        }
        PairFilter filter = workspace.browsingProperty().get();
        PairOrder order = workspace.browsingOrderProperty().get();
        long from = d.pair().id();
        PairSelection chosen = workspace.selectionProperty().get();
        if (chosen != null && chosen.indexOf(from) >= 0) {
            int i = chosen.indexOf(from) + (forward ? 1 : -1);
            if (i >= 0 && i < chosen.size()) {
                workspace.focusedPairProperty().set(chosen.ids()[i]);
            } else {
                workspace.notify(Notice.info(forward ? "Last pair" : "First pair",
                        "There is no " + (forward ? "next" : "previous") + " pair in this selection."));
            }
            return;
        }
        workspace.jobs().submit(forward ? "Next pair" : "Previous pair",
                ctx -> Workspace.readCurrent(store, c -> query.neighbour(c, filter, order, from, forward)),
                next -> next.ifPresentOrElse(workspace.focusedPairProperty()::set,
                        () -> workspace.notify(Notice.info(forward ? "Last pair" : "First pair",
                                "There is no " + (forward ? "next" : "previous") + " pair in this listing."))),
                e -> workspace.notify(Notice.error("Cannot move to the " + (forward ? "next" : "previous") + " pair", e)));
    }

    /** Records the final word on this pair (a new adjudication row; an earlier one stays in the history). */
    public void adjudicate(Choice choice, String note, String decidedBy) {
        PairDetails d = details.get();
        if (d == null) {
            return;
        }
        Adjudication current = d.adjudication();
        Adjudication a = new Adjudication(0, d.pair().id(), choice, decidedBy, note == null || note.isBlank() ? null
                : note.strip(), java.time.Instant.now(), current == null ? null : current.id());
        write("Adjudicating", a);
    }

    /** Withdraws the adjudication in force (a new row that says "no adjudication"). */
    public void withdrawAdjudication(String decidedBy) {
        PairDetails d = details.get();
        if (d == null || d.adjudication() == null) {
            return;
        }
        write("Withdrawing adjudication", new Adjudication(0, d.pair().id(), null, decidedBy, "withdrawn",
                java.time.Instant.now(), d.adjudication().id()));
    }

    private void write(String title, Adjudication a) {
        ProjectStore store = workspace.project();
        workspace.jobs().submit(title, ctx -> store.write(c -> {
            store.adjudications().append(c, a);
            return new PairSummaries().catchUp(c);
        }), n -> workspace.changed(), e -> workspace.notify(Notice.error(title + " failed", e)));
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<PairDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** "12 of 340": the pair's place in the listing being browsed, once known. */
    public javafx.beans.property.ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanProperty highlightProperty() {
        return highlight;
    }

    public BooleanProperty activeProperty() {
        return whenShown.activeProperty();
    }

    public Workspace workspace() {
        return workspace;
    }
}
