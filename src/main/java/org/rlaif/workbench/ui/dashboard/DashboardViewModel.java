package org.rlaif.workbench.ui.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.Outcome;
import org.rlaif.workbench.metrics.PairGroups;
import org.rlaif.workbench.metrics.PairVerdicts;
import org.rlaif.workbench.metrics.Reference;
import org.rlaif.workbench.metrics.ReportOptions;
import org.rlaif.workbench.metrics.SliceReport;
import org.rlaif.workbench.metrics.TiePolicy;
import org.rlaif.workbench.store.LabelTableLoader;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.ChartExport;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.PairSelection;
import org.rlaif.workbench.ui.common.WhileShown;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * The alignment dashboard: the metrics report for a reference, a tie rule and (optionally) a slice, recomputed
 * whenever labels change. The labels are read once per change of the project (the slow part) and kept; changing
 * the reference, ties or slice only recomputes the report. Every figure leads back to the pairs behind it.
 */
public final class DashboardViewModel {
    /** Slicing dimensions the dashboard offers: all pairs, or per task, source or split. */
    public static final List<String> DIMENSIONS = List.of(LabelTable.TASK, LabelTable.SOURCE, LabelTable.SPLIT);

    private final Workspace workspace;
    private final ObjectProperty<ReferenceChoice> reference =
            new SimpleObjectProperty<>(this, "reference", ReferenceChoice.HUMANS);
    private final ObservableList<ReferenceChoice> references = FXCollections.observableArrayList();
    private final ObjectProperty<TiePolicy> ties = new SimpleObjectProperty<>(this, "ties", TiePolicy.HALF);
    private final ObjectProperty<String> sliceDimension = new SimpleObjectProperty<>(this, "sliceDimension");
    private final ObjectProperty<String> sliceGroup = new SimpleObjectProperty<>(this, "sliceGroup");
    private final ObservableList<String> sliceGroups = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AlignmentReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final WhileShown whenShown;
    private Loaded loaded;
    private PairVerdicts verdicts;
    private int[] sliceMembers;
    private boolean tableStale = true;
    private JobHandle running;
    private boolean choosing;

    /** The labels of one project at one revision, and the report computed from them. */
    private record Loaded(ProjectStore store, LabelTable table) {
    }

    /** What a computation hands back. */
    private record Result(Loaded loaded, AlignmentReport whole, AlignmentReport shown, List<String> groups,
                          int[] sliceMembers, long millis) {
    }

    public DashboardViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.whenShown = new WhileShown(workspace::hasProject, this::compute);
        workspace.projectProperty().addListener((o, was, now) -> {
            loaded = null;
            verdicts = null;
            report.set(null);
            tableStale = true;
            whenShown.markDue();
            choosing = true;
            reference.set(ReferenceChoice.HUMANS);
            sliceDimension.set(null);
            choosing = false;
            whenShown.runIfDue();
        });
        workspace.revisionProperty().addListener((o, was, now) -> {
            tableStale = true;
            whenShown.changed();
        });
        for (ObjectProperty<?> p : List.of(reference, ties, sliceGroup)) {
            p.addListener((o, was, now) -> {
                if (!choosing) {
                    whenShown.changed();
                }
            });
        }
        sliceDimension.addListener((o, was, now) -> {
            choosing = true;
            sliceGroup.set(null);
            sliceGroups.clear();
            choosing = false;
            whenShown.changed();
        });
        whenShown.runIfDue();
    }

    /** Computes the report (reading the labels first when they changed) in the background. */
    public void compute() {
        ProjectStore store = workspace.project();
        if (store == null) {
            return;
        }
        whenShown.ran();
        if (running != null && running.isRunning()) {
            running.cancel();
        }
        Loaded cached = tableStale || loaded == null || loaded.store != store ? null : loaded;
        ReferenceChoice ref = reference.get();
        TiePolicy tiePolicy = ties.get();
        String dimension = sliceDimension.get();
        String group = sliceGroup.get();
        computing.set(true);
        status.set(cached == null ? "Reading labels…" : "Computing…");
        running = workspace.jobs().submit("Computing alignment", ctx -> {
            long t = System.nanoTime();
            Loaded l = cached;
            if (l == null) {
                ctx.message("Reading labels");
                l = new Loaded(store, new LabelTableLoader().load(store));
            }
            ctx.message("Computing alignment");
            ReportOptions options = ReportOptions.defaults().withTies(tiePolicy).withReference(toReference(ref, l.table));
            AlignmentReport whole = AlignmentReport.compute(l.table, options);
            AlignmentReport shown = whole;
            List<String> groups = List.of();
            int[] members = null;
            if (dimension != null) {
                PairGroups g = l.table.groups(dimension);
                groups = g.names();
                String wanted = group != null && g.names().contains(group) ? group : null;
                if (wanted != null) {
                    int index = g.group(wanted);
                    members = g.groupOf();
                    int[] groupOf = members;
                    members = java.util.stream.IntStream.range(0, groupOf.length).filter(p -> groupOf[p] == index)
                            .toArray();
                    for (SliceReport s : AlignmentReport.slices(l.table, g, options)) {
                        if (s.group().equals(wanted)) {
                            shown = s.report();
                        }
                    }
                }
            }
            return new Result(l, whole, shown, groups, members, (System.nanoTime() - t) / 1_000_000);
        }, r -> {
            computing.set(false);
            if (workspace.project() != store) {
                return;
            }
            loaded = r.loaded;
            tableStale = false;
            verdicts = r.whole.verdicts();
            sliceMembers = r.sliceMembers;
            problem.set(null);
            updateReferences(r.loaded.table);
            if (!r.groups.equals(sliceGroups)) {
                choosing = true;
                sliceGroups.setAll(r.groups);
                choosing = false;
            }
            report.set(r.shown);
            status.set(String.format(Locale.ROOT, "%,d pairs · %,d labels · reference: %s · computed in %,d ms",
                    r.shown.pairs(), r.shown.labels(), ref, r.millis));
        }, e -> {
            computing.set(false);
            report.set(null);
            problem.set(Notice.describe(e));
            status.set("");
        });
    }

    private static Reference toReference(ReferenceChoice choice, LabelTable table) {
        return switch (choice.kind()) {
            case HUMANS -> Reference.humans();
            case ADJUDICATIONS -> Reference.adjudications();
            case LABELER -> {
                int i = table.labelerIndex(choice.labeler());
                if (i < 0) {
                    throw new IllegalArgumentException("no labeler '" + choice.labeler() + "' in this project");
                }
                yield Reference.labeler(i);
            }
        };
    }

    private void updateReferences(LabelTable table) {
        List<ReferenceChoice> now = new java.util.ArrayList<>(List.of(ReferenceChoice.HUMANS, ReferenceChoice.ADJUDICATIONS));
        table.labelers().forEach(l -> now.add(ReferenceChoice.labeler(l.name())));
        if (!now.equals(references)) {
            choosing = true;
            references.setAll(now);
            choosing = false;
        }
    }

    // ------------------------------------------------------------------ the pairs behind a figure

    /** Opens the pairs screen on the pairs behind one labeler's agreement bar with this outcome. */
    public void showPairsBehind(int labeler, Outcome outcome) {
        if (verdicts == null) {
            return;
        }
        String name = verdicts.table().labeler(labeler).name();
        long[] ids = verdicts.pairsBehind(labeler, outcome, inSlice());
        show(name + " " + describe(outcome) + " " + report.get().referenceName() + sliceSuffix(), ids);
    }

    /** Opens the pairs of one confusion-matrix cell (labeler's verdict, reference's verdict). */
    public void showPairsInCell(int labeler, byte labelerChoice, byte referenceChoice) {
        if (verdicts == null) {
            return;
        }
        IntPredicate in = inSlice();
        long[] ids = java.util.Arrays.stream(verdicts.pairsInCell(labeler, labelerChoice, referenceChoice))
                .filter(id -> in.test(verdicts.table().pairIndex(id))).toArray();
        show(verdicts.table().labeler(labeler).name() + " said " + LabelCodes.choiceName(labelerChoice) + ", "
                + report.get().referenceName() + " " + LabelCodes.choiceName(referenceChoice) + sliceSuffix(), ids);
    }

    /** Opens the pairs where two labelers' verdicts had this outcome (a heatmap cell). */
    public void showPairsBetween(int first, int second, Outcome outcome) {
        if (verdicts == null) {
            return;
        }
        IntPredicate in = inSlice();
        long[] ids = java.util.Arrays.stream(verdicts.pairsBetween(first, second, outcome))
                .filter(id -> in.test(verdicts.table().pairIndex(id))).toArray();
        show(verdicts.table().labeler(first).name() + " and " + verdicts.table().labeler(second).name() + " "
                + (outcome == Outcome.DISAGREE ? "disagree" : outcome.name().toLowerCase(Locale.ROOT)) + sliceSuffix(), ids);
    }

    private void show(String title, long[] ids) {
        if (ids.length == 0) {
            workspace.notify(Notice.info("No pairs", "No pair is behind that figure."));
            return;
        }
        workspace.showPairs(new PairSelection(title, ids));
    }

    private IntPredicate inSlice() {
        int[] members = sliceMembers;
        if (members == null) {
            return p -> true;
        }
        java.util.BitSet set = new java.util.BitSet();
        for (int p : members) {
            set.set(p);
        }
        return set::get;
    }

    private String sliceSuffix() {
        return sliceGroup.get() == null ? "" : " (" + sliceDimension.get() + " " + sliceGroup.get() + ")";
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case AGREE -> "agrees with";
            case PARTIAL -> "ties against";
            case DISAGREE -> "disagrees with";
            case COMPARED -> "compared with";
        };
    }

    // ------------------------------------------------------------------ export

    /** Writes the chart data of the report shown as CSV files into {@code folder}; returns the files. */
    public void exportCsv(Path folder) {
        AlignmentReport r = report.get();
        if (r == null) {
            return;
        }
        workspace.jobs().submit("Exporting chart data", ctx -> {
            Files.createDirectories(folder);
            List<Path> written = new java.util.ArrayList<>();
            for (String[] f : DashboardCsv.all(r)) {
                Path p = folder.resolve(f[0]);
                Files.writeString(p, f[1], StandardCharsets.UTF_8);
                written.add(p);
            }
            return written;
        }, files -> workspace.notify(Notice.success("Chart data exported", files.size() + " CSV files in " + folder)),
                e -> workspace.notify(Notice.error("Cannot export the chart data", e)));
    }

    /** Writes one chart's data. */
    public void exportCsv(String csv, Path file) {
        ChartExport.csv(workspace, csv, file);
    }

    /** Writes several chart images as PNG files (name to image) into {@code folder}, as one job. */
    public void exportPngs(java.util.Map<String, java.awt.image.BufferedImage> images, Path folder) {
        workspace.jobs().submit("Exporting charts", ctx -> {
            Files.createDirectories(folder);
            for (var e : images.entrySet()) {
                ChartExport.writePng(e.getValue(), folder.resolve(e.getKey()));
            }
            return images.size();
        }, n -> workspace.notify(Notice.success("Charts exported", n + " PNG files in " + folder)),
                e -> workspace.notify(Notice.error("Cannot export the charts", e)));
    }

    /** Writes a chart image (already converted off the scene graph) as PNG. */
    public void exportPng(java.awt.image.BufferedImage image, Path file) {
        ChartExport.png(workspace, image, file);
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<ReferenceChoice> referenceProperty() {
        return reference;
    }

    public ObservableList<ReferenceChoice> references() {
        return references;
    }

    public ObjectProperty<TiePolicy> tiesProperty() {
        return ties;
    }

    public ObjectProperty<String> sliceDimensionProperty() {
        return sliceDimension;
    }

    public ObjectProperty<String> sliceGroupProperty() {
        return sliceGroup;
    }

    public ObservableList<String> sliceGroups() {
        return sliceGroups;
    }

    public ReadOnlyObjectProperty<AlignmentReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why there is no report (e.g. no human labels for a human reference), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanProperty activeProperty() {
        return whenShown.activeProperty();
    }
}
