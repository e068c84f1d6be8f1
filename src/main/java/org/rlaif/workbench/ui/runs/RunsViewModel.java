package org.rlaif.workbench.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunTail;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.ChartExport;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * The Runs screen: the project's runs, the charts of the ones picked (several overlaid), and the picked run's spec,
 * log and samples, all following live runs, whichever process runs them, by reading the project a few times a
 * second while the screen shows (decision 41); and the runs the window starts itself (decision 42).
 */
public final class RunsViewModel {
    /** While no run is live, the project is read every this many ticks (to notice runs started elsewhere). */
    static final int IDLE_TICKS = 4;

    /** The details the view can be asked to show. */
    public enum Detail { CHARTS, HELD_OUT }

    private final Workspace workspace;
    private final TrainingLauncher launcher;
    private final EnvironmentViewModel environment;
    private final ObservableList<RunItem> items = FXCollections.observableArrayList(
            item -> new javafx.beans.Observable[] {item.rowProperty()});
    private final MetricCharts charts = new MetricCharts(MetricCharts.MAX_POINTS);
    private final Map<Long, Long> cursors = new LinkedHashMap<>();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<RunSample> samples = FXCollections.observableArrayList();
    private final ObservableList<RunRow> heldOut = FXCollections.observableArrayList();
    private final ObjectProperty<RunRow> focusedRow = new SimpleObjectProperty<>(this, "focusedRow");
    private final StringProperty spec = new SimpleStringProperty(this, "spec", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final BooleanProperty canStop = new SimpleBooleanProperty(this, "canStop");
    private final ObjectProperty<List<Long>> requestedSelection = new SimpleObjectProperty<>(this, "requestedSelection");
    private final ObjectProperty<Detail> requestedDetail = new SimpleObjectProperty<>(this, "requestedDetail");
    private final LongProperty clock = new SimpleLongProperty(this, "clock", System.currentTimeMillis());
    private final ConcurrentLinkedQueue<Long> startedHere = new ConcurrentLinkedQueue<>();
    private List<Long> selected = List.of();
    private Long focused;
    private String shownSpec;
    private long logCursor = -1;
    private long sampleCursor = -1;
    private ProjectStore store;
    private RunFeed feed = new RunFeed();
    private boolean polling;
    private boolean pollAgain;
    private boolean firstRead = true;
    private int idleTicks;

    /**
     * @param env     the Python the trainers run on
     * @param scorers opens a trained model's scorer, so it becomes a labeler; null: runs end without one
     */
    public RunsViewModel(Workspace workspace, TrainingEnvironment env, RewardModelTraining.ScorerFactory scorers) {
        this.workspace = workspace;
        this.launcher = new TrainingLauncher(workspace.jobs(), env, scorers);
        this.environment = new EnvironmentViewModel(workspace.jobs(), launcher.environment());
        smoothing.addListener((o, was, now) -> charts.setSmoothing(now.doubleValue()));
        logScale.addListener((o, was, now) -> charts.setLogScale(now));
        charts.setSmoothing(smoothing.get());
        active.addListener((o, was, now) -> {
            if (now) {
                poll();
            }
        });
        workspace.projectProperty().addListener((o, was, now) -> open(now));
        open(workspace.project());
    }

    private void open(ProjectStore project) {
        store = project;
        feed = new RunFeed(); // run ids start again in every project
        firstRead = true;
        items.clear();
        setSelection(List.of(), null);
        status.set(project == null ? "No project open" : "Reading runs …");
        poll();
    }

    // ------------------------------------------------------------------ reading

    /** Called by the view a few times a second while it shows: reads the project when something may have moved. */
    public void tick() {
        clock.set(System.currentTimeMillis());
        boolean live = items.stream().anyMatch(i -> i.row().isLive()) || !startedHere.isEmpty();
        if (live || ++idleTicks >= IDLE_TICKS) {
            idleTicks = 0;
            poll();
        }
    }

    /** Reads what changed in the background; requests while a read runs fold into one more read after it. */
    public void poll() {
        if (store == null || !active.get()) {
            return;
        }
        if (polling) {
            pollAgain = true;
            return;
        }
        polling = true;
        ProjectStore s = store;
        RunFeed f = feed;
        Map<Long, RunRow> known = new LinkedHashMap<>();
        items.forEach(i -> known.put(i.id(), i.row()));
        RunFeed.Request request = new RunFeed.Request(known, cursors, focused, logCursor, sampleCursor);
        workspace.jobs().submit("Reading runs", ctx -> f.read(s, request), u -> {
            polling = false;
            if (s == store) {
                apply(u);
            }
            if (pollAgain) {
                pollAgain = false;
                poll();
            }
        }, e -> {
            polling = false;
            status.set("Cannot read the runs: " + Notice.describe(e));
        });
    }

    void apply(RunFeed.Update u) {
        mergeRows(u.rows());
        u.metrics().forEach((id, m) -> {
            if (Objects.equals(cursors.get(id), u.request().chartCursors().get(id))) {
                charts.add(id, m.points());
                cursors.put(id, m.lastRowid());
            }
        });
        if (Objects.equals(focused, u.request().focused()) && logCursor == u.request().logCursor()) {
            appendLog(u.log());
            appendSamples(u.samples());
        }
        focusedRow.set(focused == null ? null : find(focused));
        showSpec();
        refreshDerived();
        selectAfterRead();
    }

    /** The focused run's spec, indented; formatted again only when it changed (a trainer adds its environment). */
    private void showSpec() {
        RunRow f = focusedRow.get();
        String json = f == null ? null : f.run().specJson();
        if (!Objects.equals(json, shownSpec)) {
            shownSpec = json;
            spec.set(f == null ? "" : f.prettySpec());
        }
    }

    private void appendLog(RunTail.Lines lines) {
        if (lines == null) {
            return;
        }
        log.addAll(lines.lines());
        if (log.size() > RunFeed.LOG_LINES) {
            log.remove(0, log.size() - RunFeed.LOG_LINES);
        }
        logCursor = lines.lastSeq();
    }

    private void appendSamples(List<RunSample> more) {
        if (more == null || more.isEmpty()) {
            return;
        }
        samples.addAll(more);
        if (samples.size() > RunFeed.SAMPLES) {
            samples.remove(0, samples.size() - RunFeed.SAMPLES);
        }
        sampleCursor = more.getLast().seq();
    }

    /**
     * New runs come at the top (ids only grow); the others keep their line and get their new figures, so the table
     * keeps its selection.
     */
    private void mergeRows(List<RunRow> fresh) {
        int added = 0;
        while (!items.isEmpty() && added < fresh.size() && fresh.get(added).id() > items.getFirst().id()) {
            added++;
        }
        boolean sameRuns = !items.isEmpty() && fresh.size() - added == items.size();
        for (int i = 0; sameRuns && i < items.size(); i++) {
            sameRuns = fresh.get(added + i).id() == items.get(i).id();
        }
        if (!sameRuns) {
            items.setAll(fresh.stream().map(RunItem::new).toList());
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            items.get(i).update(fresh.get(added + i));
        }
        items.addAll(0, fresh.subList(0, added).stream().map(RunItem::new).toList());
    }

    /** The first read picks the newest run; a run this window started is picked when it first shows. */
    private void selectAfterRead() {
        List<Long> pick = new ArrayList<>();
        for (Long id : startedHere) {
            if (find(id) != null) {
                startedHere.remove(id);
                pick.add(id);
            }
        }
        if (!pick.isEmpty()) {
            requestSelection(pick);
        } else if (firstRead && selected.isEmpty() && !items.isEmpty()) {
            requestSelection(List.of(items.getFirst().id()));
        }
        firstRead = false;
    }

    private void refreshDerived() {
        RunRow f = focusedRow.get();
        canStop.set(f != null && f.isLive() && (launcher.runsHere(f.id()) || f.run().pid() != null));
        List<RunRow> withFigures = new ArrayList<>();
        for (Long id : selected) {
            RunRow r = find(id);
            if (r != null && r.heldOut() != null && r.heldOut().pairs() > 0) {
                withFigures.add(r);
            }
        }
        if (!withFigures.equals(heldOut)) {
            heldOut.setAll(withFigures);
        }
        long live = items.stream().filter(i -> i.row().isLive()).count();
        status.set(items.isEmpty() ? "No runs yet" : String.format(Locale.ROOT, "%,d run%s%s", items.size(),
                items.size() == 1 ? "" : "s", live == 0 ? "" : String.format(Locale.ROOT, " · %d live", live)));
    }

    private void requestSelection(List<Long> ids) {
        requestedSelection.set(null); // the same runs asked for again are still a request
        requestedSelection.set(List.copyOf(ids));
    }

    RunRow find(long id) {
        for (RunItem i : items) {
            if (i.id() == id) {
                return i.row();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ selection

    /**
     * The runs picked in the table (charted, overlaid in this order) and the one whose spec, log and samples show.
     */
    public void setSelection(List<Long> ids, Long focus) {
        List<Long> now = List.copyOf(ids);
        boolean changed = !now.equals(selected);
        selected = now;
        charts.setRuns(now);
        cursors.keySet().retainAll(now);
        now.forEach(id -> cursors.putIfAbsent(id, 0L));
        if (!Objects.equals(focus, focused)) {
            focused = focus;
            log.clear();
            samples.clear();
            logCursor = -1;
            sampleCursor = -1;
            focusedRow.set(focus == null ? null : find(focus));
            showSpec();
            changed = true;
        }
        refreshDerived();
        if (changed) {
            poll();
        }
    }

    // ------------------------------------------------------------------ actions

    /** Asks the focused run to stop after its step and save. */
    public void stop() {
        RunRow f = focusedRow.get();
        if (f == null) {
            return;
        }
        if (launcher.stop(f.id(), f.run().pid())) {
            workspace.notify(Notice.info("Stopping run #" + f.id(), "It finishes its step, saves and ends."));
        } else {
            workspace.notify(Notice.info("Run #" + f.id() + " cannot be stopped from here",
                    "Its trainer is not a process this window can reach."));
        }
    }

    /** A new form for training; null without a project. */
    public TrainFormModel newForm(TrainFormModel.Mode mode) {
        return store == null ? null : new TrainFormModel(mode, launcher, store, List.copyOf(workspace.labelers()));
    }

    /** Starts what a form prepared, as one job: one run, or the RLAIF run then the RLHF run. */
    public void start(TrainFormModel.Mode mode, List<RewardModelTraining.Prepared> prepared) {
        if (store == null) {
            prepared.forEach(RewardModelTraining::discard);
            return;
        }
        String title = mode == TrainFormModel.Mode.COMPARISON ? "RLAIF vs RLHF reward models"
                : "Training " + prepared.getFirst().request().labels();
        launcher.run(store.file(), title, prepared, startedHere::add, done -> finished(mode, done), e -> {
            workspace.notify(Notice.error("Training stopped", e));
            poll();
        });
        poll();
    }

    private void finished(TrainFormModel.Mode mode, List<TrainingLauncher.Finished> done) {
        if (done.stream().anyMatch(f -> f.result().labeler() != null)) {
            workspace.changed(); // a new labeler: the other screens read it
        }
        for (TrainingLauncher.Finished f : done) {
            workspace.notify(RunNotices.finished(f));
        }
        if (mode == TrainFormModel.Mode.COMPARISON && done.size() == 2) {
            workspace.notify(RunNotices.comparison(done.get(0), done.get(1)));
            requestSelection(done.stream().map(TrainingLauncher.Finished::runId).toList());
            requestedDetail.set(null);
            requestedDetail.set(Detail.HELD_OUT);
        }
        poll();
    }

    /** Writes one chart's values as CSV. */
    public void exportCsv(String chartId, Path file) {
        ChartExport.csv(workspace, charts.csv(chartId), file);
    }

    /** Writes a chart image (already taken off the scene graph) as PNG. */
    public void exportPng(java.awt.image.BufferedImage image, Path file) {
        ChartExport.png(workspace, image, file);
    }

    /** Whether a label source is human verdicts: the human majority, adjudications, or a human labeler. */
    public boolean isHumanSource(String source) {
        if (source.equals("humans") || source.equals("adjudicated") || source.startsWith("agreed")) {
            return true;
        }
        return workspace.labelers().stream()
                .anyMatch(l -> l.name().equals(source) && l.kind() == org.rlaif.workbench.domain.LabelerKind.HUMAN);
    }

    // ------------------------------------------------------------------ properties

    /** The runs, newest first, as they were last read. */
    public List<RunRow> rows() {
        return items.stream().map(RunItem::row).toList();
    }

    /** The runs table's lines: one per run, whose figures change in place. */
    public ObservableList<RunItem> items() {
        return items;
    }

    MetricCharts charts() {
        return charts;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObservableList<RunSample> samples() {
        return samples;
    }

    /** The picked runs that have a held-out agreement with humans with its interval, in the order picked. */
    public ObservableList<RunRow> heldOut() {
        return heldOut;
    }

    public ReadOnlyObjectProperty<RunRow> focusedRowProperty() {
        return focusedRow;
    }

    public ReadOnlyStringProperty specProperty() {
        return spec;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** Whether the screen shows; the view binds it, and nothing is read while it does not. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop;
    }

    /** Runs the table should select (the newest at first, a run just started, the two of a comparison). */
    public ReadOnlyObjectProperty<List<Long>> requestedSelectionProperty() {
        return requestedSelection;
    }

    public ReadOnlyObjectProperty<Detail> requestedDetailProperty() {
        return requestedDetail;
    }

    /** The time durations are counted to; moves on every tick. */
    public LongProperty clockProperty() {
        return clock;
    }

    public EnvironmentViewModel environment() {
        return environment;
    }

    public boolean hasProject() {
        return store != null;
    }
}
