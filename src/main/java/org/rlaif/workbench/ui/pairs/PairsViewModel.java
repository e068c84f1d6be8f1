package org.rlaif.workbench.ui.pairs;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairPager;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.SearchIndex;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.PairSelection;
import org.rlaif.workbench.ui.common.WhileShown;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * The pairs screen: the filter the user sets, and the listing it gives, paged from the project.
 *
 * <p>Every change of the filter runs one query in the background (count and first page together) and cancels
 * the one before; the table keeps showing the old listing until the new one is there, so typing never blanks it.
 * The search text is expected already debounced (the view waits for a pause in typing).
 */
public final class PairsViewModel {
    public static final int PAGE_SIZE = 100;
    private static final int CACHED_PAGES = 40;
    /** Pages read again with the first when the same listing is refreshed: the table shows at most two at once. */
    private static final int PAGES_KEPT_ON_REFRESH = 3;

    private final Workspace workspace;
    private final PairQuery query = new PairQuery();
    private final SavedFilters savedStore = new SavedFilters();

    // filter state
    private final ObservableSet<Task> tasks = FXCollections.observableSet(EnumSet.noneOf(Task.class));
    private final ObservableSet<Split> splits = FXCollections.observableSet(EnumSet.noneOf(Split.class));
    private final ObservableSet<String> sources = FXCollections.observableSet();
    private final ObservableSet<AgreementStatus> statuses =
            FXCollections.observableSet(EnumSet.noneOf(AgreementStatus.class));
    private final ObjectProperty<Labeler> labeler = new SimpleObjectProperty<>(this, "labeler");
    private final ObjectProperty<PairFilter.LabelerCondition.Mode> labelerMode =
            new SimpleObjectProperty<>(this, "labelerMode", PairFilter.LabelerCondition.Mode.LABELED);
    private final DoubleProperty minConfidence = new SimpleDoubleProperty(this, "minConfidence", 0);
    private final DoubleProperty maxConfidence = new SimpleDoubleProperty(this, "maxConfidence", 1);
    private final ObjectProperty<Boolean> adjudicated = new SimpleObjectProperty<>(this, "adjudicated");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<PairOrder> order = new SimpleObjectProperty<>(this, "order", PairOrder.ID);
    private final ObjectBinding<PairFilter> filter;

    // results
    private final ReadOnlyObjectWrapper<PagedPairs> items = new ReadOnlyObjectWrapper<>(this, "items");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", -1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<String> availableSources = FXCollections.observableArrayList();
    private final ObservableList<SavedFilter> saved = FXCollections.observableArrayList();
    private final WhileShown whenShown;
    private JobHandle running;
    private JobHandle counting;
    private volatile Prefetched prefetched;
    private int queryGeneration;
    private long listingKey;
    private String lastSelectionTitle;
    private PairFilter lastFilter;
    private PairOrder lastOrder;
    private boolean applyingState;
    private boolean refreshPending;
    private long lastQueryNanos;

    public PairsViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.whenShown = new WhileShown(workspace::hasProject, this::refresh);
        // every pair in import order is what a freshly opened project shows: read its first page while opening
        workspace.prefetchOnOpen(store -> {
            PairPager pager = new PairPager(query, PairFilter.ALL, PairOrder.ID, PAGE_SIZE);
            prefetched = new Prefetched(store, pager,
                    store.read(c -> new Listing(query.count(c, PairFilter.ALL), true, pager.rows(c, 0))));
        });
        Observable[] inputs = {tasks, splits, sources, statuses, labeler, labelerMode, minConfidence, maxConfidence,
                adjudicated, search};
        filter = Bindings.createObjectBinding(this::currentFilter, inputs);
        filter.addListener((o, was, now) -> {
            if (!applyingState) {
                // touching a filter leaves a selection from the dashboard
                workspace.selectionProperty().set(null);
                refreshAfterThisEvent();
            }
        });
        workspace.selectionProperty().addListener((o, was, now) -> {
            if (!applyingState) {
                whenShown.changed();
            }
        });
        order.addListener((o, was, now) -> {
            if (!applyingState) {
                refreshAfterThisEvent();
            }
        });
        workspace.projectProperty().addListener((o, was, now) -> {
            items.set(null);
            total.set(-1);
            saved.clear();
            availableSources.clear();
            whenShown.markDue();
            if (now != null) {
                applyState(PairFilter.ALL, PairOrder.ID);
                whenShown.runIfDue();
                loadChoices();
            }
        });
        workspace.revisionProperty().addListener((o, was, now) -> {
            whenShown.changed();
        });
        workspace.browsingProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(filter.get())) {
                applyState(now, order.get());
                refresh();
            }
        });
        if (workspace.hasProject()) {
            applyState(workspace.browsingProperty().get(), PairOrder.ID);
            loadChoices();
            whenShown.runIfDue();
        }
    }

    private PairFilter currentFilter() {
        Labeler l = labeler.get();
        return new PairFilter(Set.copyOf(tasks), Set.copyOf(splits), Set.copyOf(sources), Set.copyOf(statuses),
                l == null ? null : new PairFilter.LabelerCondition(l.id(), labelerMode.get()),
                minConfidence.get(), Math.max(minConfidence.get(), maxConfidence.get()), adjudicated.get(),
                search.get());
    }

    /** Sets every control from {@code f} at once, running no query until all are set. */
    private void applyState(PairFilter f, PairOrder o) {
        applyingState = true;
        try {
            tasks.clear();
            tasks.addAll(f.tasks());
            splits.clear();
            splits.addAll(f.splits());
            sources.clear();
            sources.addAll(f.sources());
            statuses.clear();
            statuses.addAll(f.statuses());
            labeler.set(f.labeler() == null ? null : workspace.labelers().stream()
                    .filter(x -> x.id() == f.labeler().labelerId()).findFirst()
                    .orElse(new Labeler(f.labeler().labelerId(), "labeler " + f.labeler().labelerId(),
                            org.rlaif.workbench.domain.LabelerKind.AI, null, null, null, null, "{}")));
            if (f.labeler() != null) {
                labelerMode.set(f.labeler().mode());
            }
            minConfidence.set(f.minConfidence());
            maxConfidence.set(f.maxConfidence());
            adjudicated.set(f.adjudicated());
            search.set(f.text());
            order.set(o);
        } finally {
            applyingState = false;
        }
    }

    // ------------------------------------------------------------------ commands

    /**
     * Runs the current filter (cancelling a query still running) and shows its listing when it is there: its count
     * and first page in one query. A filter the count tables answer (task, split, source, status, adjudication, a
     * labeler's verdict) is counted exactly at once; one that needs a scan (confidence, text) is counted only as far
     * as the table's window of rows reaches, so the table is complete at once, and the exact count of a longer
     * listing, arriving a moment later, only sets its length and the scroll bar.
     */
    public void refresh() {
        refreshPending = false;
        ProjectStore store = workspace.project();
        if (store == null) {
            return;
        }
        whenShown.ran();
        cancelRunning();
        int generation = ++queryGeneration;
        PairSelection chosen = workspace.selectionProperty().get();
        if (chosen != null) {
            listSelection(store, chosen, generation);
            return;
        }
        PairFilter f = filter.get();
        PairOrder o = order.get();
        boolean sameListing = f.equals(lastFilter) && o == lastOrder;
        if (!sameListing) {
            listingKey++;
            lastFilter = f;
            lastOrder = o;
        }
        // the same listing read again (labels or pairs were added): the pages on screen are read with the first one,
        // so the new list shows the same rows at once instead of blanking them until their pages come back
        PagedPairs shownBefore = items.get();
        List<Integer> pagesInView = sameListing && shownBefore != null
                ? shownBefore.recentPages(PAGES_KEPT_ON_REFRESH).stream().filter(p -> p > 0).toList() : List.of();
        workspace.browsingOrderProperty().set(o);
        workspace.browsingProperty().set(f);
        long started = System.nanoTime();
        total.set(-1);
        loading.set(true);
        status.set(f.hasText() ? "Searching…" : "Filtering…");
        Prefetched ready = prefetched;
        prefetched = null;
        if (ready != null && ready.store == store && f.isEverything() && o == PairOrder.ID) {
            install(store, ready.pager, ready.listing.count, ready.listing.firstPage, Map.of());
            lastQueryNanos = System.nanoTime() - started;
            finish(ready.listing.count, f, PairOrder.ID);
            return;
        }
        PairPager pager = new PairPager(query, f, o, PAGE_SIZE);
        boolean countAtOnce = o == PairOrder.ID && PairQuery.countsAtOnce(f);
        running = workspace.jobs().submit(f.hasText() ? "Searching pairs" : "Filtering pairs", ctx -> {
            if (f.hasText()) {
                SearchIndex index = store.searchIndex();
                if (store.read(index::isBehind)) {
                    ctx.message("Indexing texts for search (once)");
                    store.write(index::catchUp);
                }
            }
            return Workspace.readCurrent(store, c -> {
                // a filter the count tables cannot answer is counted only as far as the table's window reaches:
                // up to there the listing is exact at once, beyond it the table looks the same either way
                long count = countAtOnce ? query.count(c, f, o) : query.countUpTo(c, f, o, PairsTable.WINDOW + 1);
                boolean exact = countAtOnce || count <= PairsTable.WINDOW;
                Map<Integer, List<PairRow>> more = new java.util.HashMap<>();
                for (int page : pagesInView) {
                    if ((long) page * PAGE_SIZE < count) {
                        more.put(page, pager.rows(c, page));
                    }
                }
                return new Listing(count, exact, count == 0 ? List.of() : pager.rows(c, 0), more);
            });
        }, listing -> {
            if (workspace.project() != store || generation != queryGeneration) {
                return;
            }
            install(store, pager, listing.count, listing.firstPage, listing.morePages);
            lastQueryNanos = System.nanoTime() - started;
            if (listing.exact) {
                finish(listing.count, f, o);
            } else {
                status.set(String.format(java.util.Locale.ROOT, "More than %,d pairs match · counting…",
                        PairsTable.WINDOW));
                PagedPairs shown = items.get();
                counting = workspace.jobs().submit("Counting pairs", ctx -> store.read(c -> query.count(c, f, o)), n -> {
                    if (workspace.project() == store && generation == queryGeneration && items.get() == shown) {
                        // the table already shows these rows: only the listing's length (and the scroll bar) change
                        shown.settleSize((int) Math.min(Integer.MAX_VALUE, n));
                        finish(n, f, o);
                    }
                }, this::failed);
            }
        }, this::failed);
    }

    /**
     * Refreshes once the current event is handled: setting a labeler and what it chose, or a search and a status,
     * is one query, not one per property (a superseded query would still run to its end on the other core).
     */
    private void refreshAfterThisEvent() {
        if (!refreshPending) {
            refreshPending = true;
            workspace.jobs().afterThisEvent(() -> {
                if (refreshPending) {
                    refresh();
                }
            });
        }
    }

    /** Lists exactly the pairs of a selection: its pages are slices of the id list, read by id. */
    private void listSelection(ProjectStore store, PairSelection chosen, int generation) {
        if (!chosen.title().equals(lastSelectionTitle) || lastFilter != null) {
            listingKey++;
            lastSelectionTitle = chosen.title();
            lastFilter = null;
        }
        long[] ids = chosen.ids();
        PagedPairs.PageLoader loader = page -> store.read(c -> query.rows(c, slice(ids, page)));
        loading.set(true);
        total.set(-1);
        status.set("Reading…");
        running = workspace.jobs().submit("Listing pairs", ctx -> loader.load(0), first -> {
            if (workspace.project() == store && generation == queryGeneration) {
                installPages(store, loader, ids.length, first, Map.of());
                loading.set(false);
                total.set(ids.length);
                status.set(String.format(java.util.Locale.ROOT, "%,d %s: %s", ids.length,
                        ids.length == 1 ? "pair" : "pairs", chosen.title()));
            }
        }, this::failed);
    }

    private static List<Long> slice(long[] ids, int page) {
        int from = Math.min(ids.length, page * PAGE_SIZE);
        int to = Math.min(ids.length, from + PAGE_SIZE);
        List<Long> out = new java.util.ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(ids[i]);
        }
        return out;
    }

    /** Leaves a dashboard selection and lists the filter again. */
    public void clearSelection() {
        workspace.selectionProperty().set(null);
    }

    private void install(ProjectStore store, PairPager pager, long count, List<PairRow> firstPage,
                         Map<Integer, List<PairRow>> morePages) {
        installPages(store, page -> store.read(c -> pager.rows(c, page)), count, firstPage, morePages);
    }

    private void installPages(ProjectStore store, PagedPairs.PageLoader loader, long count, List<PairRow> firstPage,
                              Map<Integer, List<PairRow>> morePages) {
        PagedPairs old = items.get();
        PagedPairs fresh = new PagedPairs((int) Math.min(Integer.MAX_VALUE, count), PAGE_SIZE, CACHED_PAGES,
                workspace.jobs(), loader);
        fresh.fill(0, firstPage);
        morePages.forEach(fresh::fill);
        items.set(fresh);
        if (old != null) {
            old.dispose();
        }
    }

    private void finish(long count, PairFilter f, PairOrder o) {
        total.set(count);
        loading.set(false);
        status.set(o == PairOrder.DISPUTE
                ? String.format(java.util.Locale.ROOT, "%,d %s where some say A and others B, most confident first",
                count, count == 1 ? "pair" : "pairs")
                : describe(count, f));
    }

    private void failed(Throwable e) {
        loading.set(false);
        status.set("Query failed: " + Notice.describe(e));
        workspace.notify(Notice.error("Cannot list pairs", e));
    }

    private void cancelRunning() {
        for (JobHandle h : new JobHandle[] {running, counting}) {
            if (h != null && h.isRunning()) {
                h.cancel();
            }
        }
    }

    /** The first answer to a filter: its count (exact, or a lower bound while the rest is counted) and first page. */
    private record Listing(long count, boolean exact, List<PairRow> firstPage, Map<Integer, List<PairRow>> morePages) {
        Listing(long count, boolean exact, List<PairRow> firstPage) {
            this(count, exact, firstPage, Map.of());
        }
    }

    /** The first listing of a project, read by the job that opened it. */
    private record Prefetched(ProjectStore store, PairPager pager, Listing listing) {
    }

    private static String describe(long count, PairFilter f) {
        String pairs = String.format("%,d %s", count, count == 1 ? "pair" : "pairs");
        return f.isEverything() ? pairs : pairs + " match";
    }

    /** Back to every pair in import order. */
    public void reset() {
        leaveSelectionQuietly();
        applyState(PairFilter.ALL, PairOrder.ID);
        refresh();
    }

    /** Shows only the disputed pairs, most confident disagreement first. */
    public void showDisputed() {
        leaveSelectionQuietly();
        applyState(filter.get().withStatuses(Set.of(AgreementStatus.DISPUTED)), PairOrder.DISPUTE);
        refresh();
    }

    private void leaveSelectionQuietly() {
        applyingState = true;
        try {
            workspace.selectionProperty().set(null);
        } finally {
            applyingState = false;
        }
    }

    /** Opens the pair at {@code item} in the compare screen. */
    public void open(PairItem item) {
        if (item != null && item.row() != null) {
            workspace.showPair(item.row().id());
        }
    }

    public void saveFilter(String name) {
        ProjectStore store = workspace.project();
        SavedFilter s = new SavedFilter(name, filter.get(), order.get());
        workspace.jobs().submit("Saving filter", ctx -> store.write(c -> savedStore.put(c, s)), saved::setAll,
                e -> workspace.notify(Notice.error("Cannot save the filter", e)));
    }

    public void deleteFilter(SavedFilter s) {
        ProjectStore store = workspace.project();
        workspace.jobs().submit("Deleting filter", ctx -> store.write(c -> savedStore.remove(c, s.name())),
                saved::setAll, e -> workspace.notify(Notice.error("Cannot delete the filter", e)));
    }

    public void useFilter(SavedFilter s) {
        leaveSelectionQuietly();
        applyState(s.filter(), s.order());
        refresh();
    }

    private void loadChoices() {
        ProjectStore store = workspace.project();
        workspace.jobs().submit("Reading filters", ctx -> Workspace.readCurrent(store,
                c -> new Choices(List.copyOf(query.sources(c).keySet()), savedStore.list(c))), ch -> {
            if (workspace.project() == store) {
                availableSources.setAll(ch.sources);
                saved.setAll(ch.saved);
            }
        }, e -> workspace.notify(Notice.error("Cannot read saved filters", e)));
    }

    private record Choices(List<String> sources, List<SavedFilter> saved) {
    }

    // ------------------------------------------------------------------ properties

    public ObservableSet<Task> tasks() {
        return tasks;
    }

    public ObservableSet<Split> splits() {
        return splits;
    }

    public ObservableSet<String> sources() {
        return sources;
    }

    public ObservableSet<AgreementStatus> statuses() {
        return statuses;
    }

    public ObjectProperty<Labeler> labelerProperty() {
        return labeler;
    }

    public ObjectProperty<PairFilter.LabelerCondition.Mode> labelerModeProperty() {
        return labelerMode;
    }

    public DoubleProperty minConfidenceProperty() {
        return minConfidence;
    }

    public DoubleProperty maxConfidenceProperty() {
        return maxConfidence;
    }

    public ObjectProperty<Boolean> adjudicatedProperty() {
        return adjudicated;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<PairOrder> orderProperty() {
        return order;
    }

    public ObjectBinding<PairFilter> filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<PagedPairs> itemsProperty() {
        return items.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<String> availableSources() {
        return availableSources;
    }

    public ObservableList<Labeler> labelers() {
        return workspace.labelers();
    }

    /** The open project (null: none). A labeler's id means something only within its project. */
    public ReadOnlyObjectProperty<ProjectStore> projectProperty() {
        return workspace.projectProperty();
    }

    public ReadOnlyObjectProperty<PairSelection> selectionProperty() {
        return workspace.selectionProperty();
    }

    public ObservableList<SavedFilter> savedFilters() {
        return saved;
    }

    /** Whether the screen is showing; a hidden screen defers its queries until it shows again. */
    public BooleanProperty activeProperty() {
        return whenShown.activeProperty();
    }

    /**
     * Changes when the filter or order does, not when the same listing is read again (new labels, the count
     * arriving): the view keeps its scroll position across the latter.
     */
    public long listingKey() {
        return listingKey;
    }

    /** How long the last query took from request to its first page shown, for the benchmark. */
    public long lastQueryNanos() {
        return lastQueryNanos;
    }
}
