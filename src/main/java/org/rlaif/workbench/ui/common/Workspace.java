package org.rlaif.workbench.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.ProjectOverview;
import org.rlaif.workbench.store.SqlWork;

/**
 * What the screens share: the open project, its labelers and counts, the pair in focus, the listing the user is
 * browsing, and a revision number that goes up whenever the window changes labels, so every screen knows to
 * reload. Lives on the JavaFX thread; the work it starts goes through the {@link JobExecutor}.
 */
public final class Workspace {
    private final JobExecutor jobs;
    private final ReadOnlyObjectWrapper<ProjectStore> project = new ReadOnlyObjectWrapper<>(this, "project");
    private final ReadOnlyObjectWrapper<ProjectOverview> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ObservableList<Labeler> labelers = FXCollections.observableArrayList();
    private final LongProperty revision = new SimpleLongProperty(this, "revision");
    private final ObjectProperty<Long> focusedPair = new SimpleObjectProperty<>(this, "focusedPair");
    private final ObjectProperty<PairFilter> browsing = new SimpleObjectProperty<>(this, "browsing", PairFilter.ALL);
    private final ObjectProperty<PairOrder> browsingOrder = new SimpleObjectProperty<>(this, "browsingOrder", PairOrder.ID);
    private final ObjectProperty<PairSelection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<Screen> requestedScreen = new SimpleObjectProperty<>(this, "requestedScreen");
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private final PairSummaries summaries = new PairSummaries();
    private final java.util.List<Consumer<ProjectStore>> prefetches = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean overviewRunning;
    private boolean overviewAgain;

    public Workspace(JobExecutor jobs) {
        this.jobs = jobs;
    }

    public JobExecutor jobs() {
        return jobs;
    }

    /**
     * Work to do in the background job that opens a project, right after it is open and before the window hears
     * of it: reading what the first screen will show, while the window is still being built.
     */
    public void prefetchOnOpen(Consumer<ProjectStore> work) {
        prefetches.add(work);
    }

    public ReadOnlyObjectProperty<ProjectStore> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ProjectStore project() {
        return project.get();
    }

    public boolean hasProject() {
        return project.get() != null;
    }

    /**
     * Opens (or creates) {@code file} in the background, brings its pair summaries up to date, and makes it the
     * project of the window; the previous one is closed. {@code onOpened} runs once it is in place.
     */
    public JobHandle open(Path file, boolean create, Consumer<ProjectStore> onOpened) {
        ProjectStore previous = project.get();
        record Opened(ProjectStore store, ProjectOverview overview) {
        }
        return jobs.submit("Opening " + file.getFileName(), ctx -> {
            if (!create && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such project file");
            }
            ctx.message("Opening " + file.getFileName());
            ProjectStore store = ProjectStore.open(file);
            try {
                ctx.message("Summarising labels");
                store.write(c -> summaries.catchUp(c, (done, total) -> ctx.progress(done, total)));
                for (Consumer<ProjectStore> p : prefetches) {
                    p.accept(store);
                }
                // the labelers and counts too, so the first layout has every column and the status line
                ProjectOverview overview = store.read(new PairQuery()::overview);
                return new Opened(store, overview);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }, opened -> {
            ProjectStore store = opened.store();
            project.set(store);
            focusedPair.set(null);
            browsing.set(PairFilter.ALL);
            browsingOrder.set(PairOrder.ID);
            selection.set(null);
            summary.set(opened.overview());
            labelers.setAll(opened.overview().labelers());
            if (previous != null) {
                jobs.submit("Closing " + previous.file().getFileName(), ctx -> {
                    previous.close();
                    return null;
                }, v -> { }, e -> { });
            }
            onOpened.accept(store);
        }, e -> {
            notify(Notice.error("Cannot open " + file.getFileName(), e));
            if (project.get() == null) {
                show(Screen.START);
            }
        });
    }

    /** Closes the project (at exit); blocks, so call it when nothing else is waiting on the window. */
    public void closeNow() {
        ProjectStore p = project.get();
        project.set(null);
        if (p != null) {
            p.close();
        }
    }

    /** Runs {@code work} on the project after bringing its summaries up to date; for jobs, never the FX thread. */
    public static <T> T readCurrent(ProjectStore store, SqlWork<T> work) {
        PairSummaries s = new PairSummaries();
        if (store.read(s::isBehind)) {
            store.write(s::catchUp);
        }
        return store.read(work);
    }

    /** The project's counts: pairs, disputed, adjudicated, and its labelers. */
    public ReadOnlyObjectProperty<ProjectOverview> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The project's labelers: humans first, then by name. */
    public ObservableList<Labeler> labelers() {
        return labelers;
    }

    /** Something in the project changed (the window wrote labels, an import finished): every screen reloads. */
    public void changed() {
        revision.set(revision.get() + 1);
        reloadOverview();
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision;
    }

    /** Reads the counts and labelers again; while a read runs, further requests fold into one more read after it. */
    public void reloadOverview() {
        ProjectStore store = project.get();
        if (store == null) {
            return;
        }
        if (overviewRunning) {
            overviewAgain = true;
            return;
        }
        overviewRunning = true;
        jobs.submit("Reading project summary", ctx -> readCurrent(store, new PairQuery()::overview), s -> {
            overviewRunning = false;
            if (project.get() == store) {
                summary.set(s);
                if (!s.labelers().equals(labelers)) {
                    labelers.setAll(s.labelers());
                }
            }
            if (overviewAgain) {
                overviewAgain = false;
                reloadOverview();
            }
        }, e -> {
            overviewRunning = false;
            notify(Notice.error("Cannot read the project", e));
        });
    }

    /** The pair the user is looking at (compare and review show it). */
    public ObjectProperty<Long> focusedPairProperty() {
        return focusedPair;
    }

    /** The listing the pairs screen shows; compare's next/previous walk it. */
    public ObjectProperty<PairFilter> browsingProperty() {
        return browsing;
    }

    /** The order of the listing the pairs screen shows. */
    public ObjectProperty<PairOrder> browsingOrderProperty() {
        return browsingOrder;
    }

    /** The screen some view asked the shell to show (e.g. "open this pair in compare"). */
    public ObjectProperty<Screen> requestedScreenProperty() {
        return requestedScreen;
    }

    public void show(Screen screen) {
        requestedScreen.set(null);
        requestedScreen.set(screen);
    }

    /** Opens pair {@code id} in the compare screen. */
    public void showPair(long id) {
        focusedPair.set(id);
        show(Screen.COMPARE);
    }

    /** Shows the pairs screen on {@code filter}. */
    public void showPairs(PairFilter filter) {
        selection.set(null);
        browsing.set(filter);
        show(Screen.PAIRS);
    }

    /** Shows the pairs screen on exactly these pairs (the dashboard's "pairs behind this bar"). */
    public void showPairs(PairSelection pairs) {
        selection.set(pairs);
        show(Screen.PAIRS);
    }

    /** A set of pairs the pairs screen lists instead of its filter, while it is set. */
    public ObjectProperty<PairSelection> selectionProperty() {
        return selection;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    public void notify(Notice n) {
        notice.set(n);
    }
}
