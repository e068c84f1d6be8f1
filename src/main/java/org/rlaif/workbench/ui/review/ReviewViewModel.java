package org.rlaif.workbench.ui.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.input.KeyCode;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairCursor;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.WhileShown;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.compare.PairDetails;
import org.rlaif.workbench.ui.compare.PairDetailsReader;
import org.rlaif.workbench.ui.prefs.Settings;

/**
 * The review queue: the disputed pairs this annotator has not judged, most confident disagreement first, one at a
 * time. A choice is committed at once (a label of the annotator's own HUMAN labeler, and an adjudication when
 * that option is on) and the next pair follows; undo writes rows that put back what was there before. AI verdicts
 * can stay hidden until the annotator has chosen, so they do not anchor the choice.
 */
public final class ReviewViewModel {
    private final Workspace workspace;
    private final Settings settings;
    private final LongSupplier clock;
    private final KeyMap keys;
    private final PairQuery query = new PairQuery();
    private final PairDetailsReader reader = new PairDetailsReader();
    private final PairSummaries summaries = new PairSummaries();

    private final ReadOnlyObjectWrapper<Labeler> annotator = new ReadOnlyObjectWrapper<>(this, "annotator");
    private final ReadOnlyObjectWrapper<PairDetails> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<Decision> lastDecision = new ReadOnlyObjectWrapper<>(this, "lastDecision");
    private final ReadOnlyLongWrapper remaining = new ReadOnlyLongWrapper(this, "remaining", -1);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final BooleanProperty scopeToListing = new SimpleBooleanProperty(this, "scopeToListing");
    private final BooleanProperty noteOpen = new SimpleBooleanProperty(this, "noteOpen");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final WhileShown whenShown;
    private final Deque<ReviewStep> undo = new ArrayDeque<>();
    private final Set<Long> skipped = new HashSet<>();
    private final Pace pace = new Pace();
    private static final int RECOUNT_EVERY = 25;
    private long inQueue = -1;
    private int decisionsSinceCount;
    private boolean announcing;

    /** What the annotator just decided, next to what the others said (shown once the choice is made). */
    public record Decision(long pairId, Choice chosen, List<PairDetails.LabelerVerdicts> others) {
    }

    public ReviewViewModel(Workspace workspace, Settings settings) {
        this(workspace, settings, System::currentTimeMillis);
    }

    public ReviewViewModel(Workspace workspace, Settings settings, LongSupplier clock) {
        this.workspace = workspace;
        this.whenShown = new WhileShown(workspace::hasProject, () -> load(null));
        this.settings = settings;
        this.clock = clock;
        this.keys = new KeyMap(settings.keyBindings());
        workspace.projectProperty().addListener((o, was, now) -> {
            undo.clear();
            skipped.clear();
            current.set(null);
            lastDecision.set(null);
            annotator.set(null);
            canUndo.set(false);
            inQueue = -1;
            whenShown.changed();
        });
        settings.annotatorProperty().addListener((o, was, now) -> {
            undo.clear();
            canUndo.set(false);
            annotator.set(null);
            inQueue = -1;
            whenShown.changed();
        });
        scopeToListing.addListener((o, was, now) -> {
            whenShown.changed();
        });
        workspace.revisionProperty().addListener((o, was, now) -> {
            if (!busy.get() && !announcing) {
                whenShown.changed();
            }
        });
        whenShown.runIfDue();
    }

    // ------------------------------------------------------------------ queue

    /** What a job hands back: who is labeling, the pair to show (null: queue done), and the step it took. */
    private record Next(Labeler annotator, PairDetails pair, ReviewStep step) {
    }

    /** Shows {@code pairId}, or with null the top of the queue. */
    private void load(Long pairId) {
        ProjectStore store = workspace.project();
        String name = settings.annotatorProperty().get();
        boolean scoped = scopeToListing.get();
        PairFilter browsing = workspace.browsingProperty().get();
        Set<Long> skip = Set.copyOf(skipped);
        busy.set(true);
        workspace.jobs().submit("Reading the review queue", ctx -> {
            Labeler who = annotatorNamed(store, name);
            return Workspace.readCurrent(store, c -> next(store, c, who, pairId, skip, scoped, browsing, null));
        }, n -> {
            show(n);
            recount();
        }, this::failed);
    }

    /**
     * Counts the queue in the background: a scan over every pair, too slow to repeat after each choice, so the
     * count is kept by hand between recounts (a choice takes one off, an undo puts one back).
     */
    private void recount() {
        ProjectStore store = workspace.project();
        Labeler who = annotator.get();
        if (store == null || who == null) {
            return;
        }
        PairFilter filter = queueFilter(who, scopeToListing.get(), workspace.browsingProperty().get());
        decisionsSinceCount = 0;
        workspace.jobs().submit("Counting the review queue",
                ctx -> store.read(c -> query.count(c, filter, PairOrder.DISPUTE)), n -> {
            if (workspace.project() == store) {
                inQueue = n;
                updateProgress();
            }
        }, this::failed);
    }

    private static PairFilter queueFilter(Labeler who, boolean scoped, PairFilter browsing) {
        PairFilter base = (scoped ? browsing : PairFilter.ALL).withStatuses(Set.of(AgreementStatus.DISPUTED));
        // an annotator who has not labeled yet has no labeler row: every disputed pair is theirs to judge
        return who.id() == 0 ? base.withLabeler(null)
                : base.withLabeler(new PairFilter.LabelerCondition(who.id(), PairFilter.LabelerCondition.Mode.NOT_LABELED));
    }

    /**
     * The annotator's HUMAN labeler, or an unsaved one (id 0) when they have not labeled yet: looking at the queue
     * should not add an empty labeler to the project; the first verdict does.
     */
    private static Labeler annotatorNamed(ProjectStore store, String name) {
        Optional<Labeler> found = store.read(c -> store.labelers().findByName(c, name));
        if (found.isPresent() && !found.get().isHuman()) {
            throw new org.rlaif.workbench.store.StoreException("labeler '" + name + "' already exists as "
                    + found.get().kind() + ", not HUMAN: choose another name to label as");
        }
        return found.orElse(Labeler.human(name));
    }

    private Next next(ProjectStore store, java.sql.Connection c, Labeler who, Long pairId, Set<Long> skip,
                      boolean scoped, PairFilter browsing, ReviewStep step) throws java.sql.SQLException {
        PairFilter filter = queueFilter(who, scoped, browsing);
        Long show = pairId;
        if (show == null) {
            List<PairCursor> top = query.page(c, filter, PairOrder.DISPUTE, null, 0, skip.size() + 1);
            show = top.stream().map(PairCursor::id).filter(id -> !skip.contains(id)).findFirst().orElse(null);
        }
        PairDetails details = null;
        if (show != null) {
            var pair = store.comparisons().find(c, show);
            if (pair.isPresent()) {
                details = reader.read(store, c, pair.get());
            }
        }
        return new Next(who, details, step);
    }

    private void show(Next n) {
        busy.set(false);
        annotator.set(n.annotator);
        if (n.annotator.id() != 0 && !workspace.labelers().contains(n.annotator)) {
            workspace.reloadOverview(); // a new annotator is a new labeler: the other screens show its column
        }
        current.set(n.pair);
        note.set("");
        noteOpen.set(false);
        if (n.pair != null && pace.decided() == 0 && undo.isEmpty()) {
            pace.tick(clock.getAsLong());
        }
        updateProgress();
    }

    private void failed(Throwable e) {
        busy.set(false);
        workspace.notify(Notice.error("Review", e));
    }

    // ------------------------------------------------------------------ actions

    /** Runs the action bound to {@code key}; false when the key means nothing here. */
    public boolean handleKey(KeyCode key) {
        Optional<ReviewAction> action = keys.actionFor(key);
        action.ifPresent(this::perform);
        return action.isPresent();
    }

    public void perform(ReviewAction action) {
        switch (action) {
            case CHOOSE_A -> choose(Choice.A);
            case CHOOSE_B -> choose(Choice.B);
            case TIE -> choose(Choice.TIE);
            case SKIP -> skip();
            case UNDO -> undo();
            case NOTE -> noteOpen.set(true);
        }
    }

    /** Records the annotator's verdict on the current pair and moves to the next. */
    public void choose(Choice choice) {
        PairDetails d = current.get();
        Labeler who = annotator.get();
        if (d == null || who == null || busy.get()) {
            return;
        }
        ProjectStore store = workspace.project();
        boolean adjudicate = settings.adjudicateInReviewProperty().get();
        String text = note.get() == null || note.get().isBlank() ? null : note.get().strip();
        long pairId = d.pair().id();
        boolean scoped = scopeToListing.get();
        PairFilter browsing = workspace.browsingProperty().get();
        Set<Long> skip = Set.copyOf(skipped);
        busy.set(true);
        workspace.jobs().submit("Saving your verdict", ctx -> {
            Labeler[] saved = {who};
            ReviewStep step = store.write(c -> {
                if (saved[0].id() == 0) {
                    saved[0] = store.labelers().findOrCreate(c, who);
                }
                long annotatorId = saved[0].id();
                Optional<Label> before = store.labels().currentInSlot(c, pairId, annotatorId, 0, OrderShown.AB);
                Label label = Label.of(pairId, annotatorId, 0, choice, null, text, OrderShown.AB);
                if (before.isPresent()) {
                    label = label.superseding(before.get().id());
                }
                label = label.withId(store.labels().append(c, label));
                Adjudication adjBefore = null;
                Adjudication adj = null;
                if (adjudicate) {
                    adjBefore = store.adjudications().current(c, pairId).orElse(null);
                    adj = new Adjudication(0, pairId, choice, who.name(), text, Instant.now(),
                            adjBefore == null ? null : adjBefore.id());
                    long id = store.adjudications().append(c, adj);
                    adj = new Adjudication(id, adj.comparisonId(), adj.choice(), adj.decidedBy(), adj.note(),
                            adj.createdAt(), adj.supersedes());
                }
                summaries.catchUp(c);
                return new ReviewStep.Verdict(pairId, label, before.orElse(null), adj, adjBefore);
            });
            return store.read(c -> next(store, c, saved[0], null, skip, scoped, browsing, step));
        }, n -> {
            undo.push(n.step);
            canUndo.set(true);
            pace.decided(clock.getAsLong());
            inQueue = Math.max(0, inQueue - 1);
            lastDecision.set(new Decision(pairId, choice, d.verdicts().stream()
                    .filter(v -> !v.labeler().name().equals(who.name())).toList()));
            show(n);
            announceChange();
            if (++decisionsSinceCount >= RECOUNT_EVERY || n.pair == null) {
                recount();
            }
        }, this::failed);
    }

    /** Leaves the current pair for now (for this session); undo brings it back. */
    public void skip() {
        PairDetails d = current.get();
        if (d == null || busy.get()) {
            return;
        }
        skipped.add(d.pair().id());
        updateProgress();
        undo.push(new ReviewStep.Skip(d.pair().id()));
        canUndo.set(true);
        pace.tick(clock.getAsLong());
        load(null);
    }

    /** Takes back the last verdict or skip with new rows, and shows that pair again. */
    public void undo() {
        if (undo.isEmpty() || busy.get()) {
            return;
        }
        ReviewStep step = undo.pop();
        canUndo.set(!undo.isEmpty());
        if (step instanceof ReviewStep.Skip s) {
            skipped.remove(s.pairId());
            load(s.pairId());
            return;
        }
        ProjectStore store = workspace.project();
        Labeler who = annotator.get();
        boolean scoped = scopeToListing.get();
        PairFilter browsing = workspace.browsingProperty().get();
        Set<Long> skip = Set.copyOf(skipped);
        busy.set(true);
        workspace.jobs().submit("Undoing your verdict", ctx -> {
            store.write(c -> {
                step.undo(store, c, who.name());
                return summaries.catchUp(c);
            });
            return store.read(c -> next(store, c, who, step.pairId(), skip, scoped, browsing, null));
        }, n -> {
            pace.undone(clock.getAsLong());
            inQueue++;
            lastDecision.set(null);
            show(n);
            announceChange();
        }, e -> {
            undo.push(step);
            canUndo.set(true);
            failed(e);
        });
    }

    /** Tells the other screens the labels changed, without reloading this one (it already shows the next pair). */
    private void announceChange() {
        announcing = true;
        try {
            workspace.changed();
        } finally {
            announcing = false;
        }
    }

    private void updateProgress() {
        long left = Math.max(0, inQueue - skipped.size());
        remaining.set(inQueue < 0 ? -1 : left);
        int done = pace.decided();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%,d decided", done));
        if (!skipped.isEmpty()) {
            s.append(String.format(Locale.ROOT, " · %,d skipped", skipped.size()));
        }
        s.append(String.format(Locale.ROOT, " · %,d to go", Math.max(0, left)));
        double rate = pace.perHour();
        if (!Double.isNaN(rate)) {
            s.append(String.format(Locale.ROOT, " · %.0f pairs/hour", rate));
            Duration eta = pace.timeFor(left);
            if (eta != null && left > 0) {
                s.append(" · about ").append(describe(eta)).append(" left");
            }
        }
        progress.set(s.toString());
    }

    static String describe(Duration d) {
        long minutes = Math.max(1, Math.round(d.toSeconds() / 60.0));
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " days";
    }

    /** Share of this session's queue done: decided / (decided + still to go). */
    public double fractionDone() {
        long left = Math.max(0, remaining.get());
        int done = pace.decided();
        return done + left == 0 ? 0 : (double) done / (done + left);
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<PairDetails> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Labeler> annotatorProperty() {
        return annotator.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Decision> lastDecisionProperty() {
        return lastDecision.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty remainingProperty() {
        return remaining.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** Review only the disputed pairs of the pairs screen's current filter. */
    public BooleanProperty scopeToListingProperty() {
        return scopeToListing;
    }

    public BooleanProperty hideAiLabelsProperty() {
        return settings.hideAiLabelsProperty();
    }

    public BooleanProperty adjudicateProperty() {
        return settings.adjudicateInReviewProperty();
    }

    public StringProperty annotatorNameProperty() {
        return settings.annotatorProperty();
    }

    public BooleanProperty noteOpenProperty() {
        return noteOpen;
    }

    /** A note for the current pair, saved with the verdict as its rationale. */
    public StringProperty noteProperty() {
        return note;
    }

    public BooleanProperty activeProperty() {
        return whenShown.activeProperty();
    }

    public KeyMap keys() {
        return keys;
    }

    /** The pairs decided in this session (undo counts one back). */
    public int decidedCount() {
        return pace.decided();
    }
}
