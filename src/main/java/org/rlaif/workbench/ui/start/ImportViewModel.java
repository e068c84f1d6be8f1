package org.rlaif.workbench.ui.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.FormatReader;
import org.rlaif.workbench.io.FormatRegistry;
import org.rlaif.workbench.io.ImportCancelledException;
import org.rlaif.workbench.io.ImportContext;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.ImportedLabel;
import org.rlaif.workbench.io.ImportedPair;
import org.rlaif.workbench.io.RecordSink;
import org.rlaif.workbench.io.SourceFile;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * Importing files into the open project: choose files, see the detected format and the first records as they
 * would be stored, set the options a format leaves open, run with a progress bar, cancel. A failure names the
 * file and line and shows that line; nothing of a failed or cancelled import is stored.
 */
public final class ImportViewModel {
    static final String AUTO = "auto";
    private static final int PREVIEW_RECORDS = 5;

    private final Workspace workspace;
    private final ImportService service;
    private final ImportRunner runner;

    // state
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final StringProperty format = new SimpleStringProperty(this, "format", AUTO);
    private final ObservableList<String> formats = FXCollections.observableArrayList();
    private final BooleanProperty skipInvalid = new SimpleBooleanProperty(this, "skipInvalid");
    private final StringProperty labelerName = new SimpleStringProperty(this, "labelerName", "");
    private final ObjectProperty<Task> task = new SimpleObjectProperty<>(this, "task");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split");
    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final ReadOnlyObjectWrapper<ImportPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<ImportProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyObjectWrapper<ImportReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanBinding canStart;
    private JobHandle importJob;
    private JobHandle previewJob;

    /** Imports in this JVM, with {@code service} (the view-model tests). */
    public ImportViewModel(Workspace workspace, ImportService service) {
        this(workspace, service, service::importFiles);
    }

    /** Previews with {@code service}, imports with {@code runner} (the window: {@link ChildProcessImport}). */
    public ImportViewModel(Workspace workspace, ImportService service, ImportRunner runner) {
        this.workspace = workspace;
        this.service = service;
        this.runner = runner;
        formats.add(AUTO);
        service.formats().all().forEach(r -> formats.add(r.name()));
        canStart = Bindings.createBooleanBinding(() -> !files.isEmpty() && !running.get() && problem.get() == null
                        && workspace.project() != null, files, running, problem, workspace.projectProperty());
        format.addListener((o, was, now) -> refreshPreview());
        skipInvalid.addListener((o, was, now) -> refreshPreview());
    }

    // ------------------------------------------------------------------ commands

    /** Takes the files (or folders) the user chose or dropped, and previews them. */
    public void choose(List<Path> chosen) {
        files.setAll(chosen);
        report.set(null);
        refreshPreview();
    }

    public void clear() {
        cancel();
        files.clear();
        preview.set(null);
        problem.set(null);
        report.set(null);
        status.set("");
    }

    /** Reads the start of the first file again with the current format and options. */
    public void refreshPreview() {
        if (previewJob != null) {
            previewJob.cancel();
        }
        problem.set(null);
        preview.set(null);
        if (files.isEmpty()) {
            return;
        }
        List<Path> chosen = List.copyOf(files);
        String wanted = format.get();
        ImportOptions options = options();
        ProjectStore store = workspace.project();
        previewing.set(true);
        previewJob = workspace.jobs().submit("Reading " + chosen.get(0).getFileName(), ctx -> {
            try {
                return read(chosen, wanted, options, store);
            } catch (ImportException e) {
                throw new ProblemFound(ImportProblem.of(e));
            }
        }, p -> {
            previewing.set(false);
            preview.set(p);
            status.set(p.records().isEmpty() ? "No records found" : "Detected " + p.format());
        }, e -> {
            previewing.set(false);
            fail(e);
        });
    }

    /** Imports the chosen files into the open project. */
    public void start() {
        ProjectStore store = workspace.project();
        if (!canStart.get() || store == null) {
            return;
        }
        List<Path> chosen = List.copyOf(files);
        String wanted = format.get();
        ImportOptions options = options();
        running.set(true);
        progress.set(0);
        report.set(null);
        status.set("Importing…");
        importJob = workspace.jobs().submit("Importing " + chosen.get(0).getFileName()
                + (chosen.size() > 1 ? " and " + (chosen.size() - 1) + " more" : ""), ctx -> {
            ImportReport r;
            try {
                r = runner.run(store, chosen, wanted, options, new ImportProgress() {
                    @Override
                    public void bytes(long done, long total) {
                        ctx.progress(done, total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return ctx.isCancelled();
                    }
                });
            } catch (ImportCancelledException e) {
                throw e;
            } catch (ImportException e) {
                throw new ProblemFound(ImportProblem.of(e));
            }
            ctx.progress(-1, -1);
            ctx.message("Summarising labels");
            store.write(c -> new PairSummaries().catchUp(c));
            return r;
        }, r -> {
            running.set(false);
            progress.set(1);
            report.set(r);
            status.set(describe(r));
            workspace.changed();
            workspace.notify(Notice.success("Import finished", describe(r)));
        }, e -> {
            running.set(false);
            fail(e);
        });
        importJob.progressProperty().addListener((o, was, now) -> progress.set(now.doubleValue()));
    }

    /** Stops a running import; the project keeps nothing of it. */
    public void cancel() {
        if (importJob != null && importJob.isRunning()) {
            importJob.cancel();
            running.set(false);
            progress.set(0);
            status.set("Import cancelled; nothing was stored");
        }
        if (previewJob != null) {
            previewJob.cancel();
            previewing.set(false);
        }
    }

    private void fail(Throwable e) {
        if (e instanceof ProblemFound p) {
            problem.set(p.problem);
            status.set(p.problem.place() + ": " + p.problem.problem());
        } else if (e instanceof ImportCancelledException) {
            status.set("Import cancelled; nothing was stored");
        } else {
            problem.set(new ImportProblem(files.isEmpty() ? Path.of("?") : files.get(0), 0, Notice.describe(e), ""));
            status.set(Notice.describe(e));
        }
    }

    static String describe(ImportReport r) {
        String text = String.format("%,d pairs read, %,d new; %,d labels new", r.pairsRead(), r.pairsAdded(),
                r.labelsAdded());
        if (r.addedNothing()) {
            text += " — these records were already in the project";
        }
        if (!r.invalid().isEmpty()) {
            text += String.format("; %,d invalid records skipped", r.invalid().size());
        }
        return text;
    }

    private ImportOptions options() {
        return new ImportOptions(skipInvalid.get(), blankToNull(labelerName.get()), null, task.get(), split.get(),
                blankToNull(source.get()), null, Map.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ------------------------------------------------------------------ preview

    private ImportPreview read(List<Path> chosen, String wanted, ImportOptions options, ProjectStore store)
            throws ImportException {
        Path first = chosen.get(0);
        if (Files.isDirectory(first)) {
            throw new ImportException(first, 0, "a folder: its data files are imported in name order; the preview"
                    + " shows files only, choose one to see it");
        }
        FormatReader reader = AUTO.equals(wanted) ? service.formats().detect(first) : service.formats().require(wanted);
        long size;
        try {
            size = Files.size(first);
        } catch (java.io.IOException e) {
            throw new ImportException(first, 0, "cannot read file: " + e.getMessage(), e);
        }
        // The digest only names label origins, which a preview never stores.
        SourceFile source = new SourceFile(first, "0000000000000000-preview", size);
        long seed = store == null ? 1 : store.read(c -> store.meta().get(c, ImportService.SHUFFLE_SEED_KEY))
                .map(Long::parseLong).orElse(1L);
        List<ImportPreview.Record> records = new ArrayList<>();
        boolean[] more = {false};
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(ImportedPair p) throws ImportException {
                if (records.size() == PREVIEW_RECORDS) {
                    more[0] = true;
                    throw new PreviewFull(first);
                }
                records.add(new ImportPreview.Record(p.line(), p.pair().task().key(), p.pair().context(),
                        p.pair().responseA(), p.pair().responseB(), labels(p.labels())));
            }

            @Override
            public void invalid(Path file, long line, String what) throws ImportException {
                if (!options.skipInvalid()) {
                    throw new ImportException(file, line, what);
                }
            }

            @Override
            public void progress(SourceFile file, long bytesRead) throws ImportException {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ImportCancelledException(file.path());
                }
            }
        };
        try {
            reader.read(new ImportContext(List.of(source), options, seed), sink);
        } catch (PreviewFull full) {
            // enough records seen
        }
        return new ImportPreview(reader.name(), reader.description(), records, more[0]);
    }

    private static String labels(List<ImportedLabel> labels) {
        if (labels.isEmpty()) {
            return "no labels";
        }
        return labels.stream().map(l -> l.labeler().name() + ": " + (l.choice() == null ? "failed" : l.choice().name()))
                .collect(Collectors.joining(", "));
    }

    /** Ends a preview read once enough records are in. */
    private static final class PreviewFull extends ImportException {
        PreviewFull(Path file) {
            super(file, 0, "preview complete");
        }
    }

    /** Carries a located problem out of a job. */
    static final class ProblemFound extends Exception {
        final ImportProblem problem;

        ProblemFound(ImportProblem problem) {
            super(problem.place() + ": " + problem.problem(), null, false, false);
            this.problem = problem;
        }
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<Path> files() {
        return files;
    }

    public StringProperty formatProperty() {
        return format;
    }

    public ObservableList<String> formats() {
        return formats;
    }

    public BooleanProperty skipInvalidProperty() {
        return skipInvalid;
    }

    public StringProperty labelerNameProperty() {
        return labelerName;
    }

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public ReadOnlyObjectProperty<ImportPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Workspace workspace() {
        return workspace;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }
}
