package org.rlaif.workbench.ui.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;

/**
 * The start screen: open a project, create one, reopen a recent one, open the sample, import data. At launch it
 * opens what the user most likely wants: the project asked for, else the sample on a first run, else the last one.
 */
public final class StartViewModel {
    private final Workspace workspace;
    private final Settings settings;
    private final SampleProjects samples;
    private final ImportViewModel importer;
    private final ObservableList<Path> bundledSamples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> opening = new ReadOnlyObjectWrapper<>(this, "opening");

    public StartViewModel(Workspace workspace, Settings settings, SampleProjects samples, ImportService imports) {
        this(workspace, settings, samples, new ImportViewModel(workspace, imports));
    }

    /** With the importer the window uses (imports in a child process). */
    public StartViewModel(Workspace workspace, Settings settings, SampleProjects samples, ImportViewModel importer) {
        this.workspace = workspace;
        this.settings = settings;
        this.samples = samples;
        this.importer = importer;
        workspace.jobs().submit("Looking for sample projects", ctx -> samples.find(), bundledSamples::setAll,
                e -> { });
    }

    /**
     * At launch: {@code explicit} if given, else the sample on the first run, else the last project. True when a
     * project is being opened (the window can then go straight to the pairs screen).
     */
    public boolean openAtLaunch(Path explicit) {
        if (explicit != null) {
            open(explicit);
            return true;
        }
        if (!settings.firstRunDoneProperty().get()) {
            settings.firstRunDoneProperty().set(true);
            openSample();
            return true;
        }
        var last = settings.recentProjects().stream().filter(Files::isRegularFile).findFirst();
        last.ifPresent(this::open);
        return last.isPresent();
    }

    public void open(Path file) {
        open(file, false, store -> workspace.show(Screen.PAIRS));
    }

    /** Creates an empty project at {@code file} (which must not exist yet) and opens it. */
    public void create(Path file) {
        if (Files.exists(file)) {
            workspace.notify(Notice.error("Cannot create " + file.getFileName(),
                    new IllegalArgumentException(file + " already exists; open it instead")));
            return;
        }
        open(file, true, store -> workspace.notify(Notice.info("New project " + file.getFileName(),
                "Import preference data to fill it.")));
    }

    /** Creates {@code file} and then imports {@code data} into it. */
    public void createAndImport(Path file, List<Path> data) {
        open(file, true, store -> importer.choose(data));
    }

    /** Opens a working copy of the bundled sample, or a small generated demo when this build ships none. */
    public void openSample() {
        opening.set(Path.of("sample"));
        workspace.jobs().submit("Preparing the sample project", ctx -> {
            var sample = samples.preferred();
            return sample.isPresent() ? samples.workingCopy(sample.get()) : samples.demoProject();
        }, this::open, e -> {
            opening.set(null);
            workspace.notify(Notice.error("Cannot open the sample project", e));
        });
    }

    private void open(Path file, boolean create, Consumer<ProjectStore> then) {
        opening.set(file);
        JobHandle job = workspace.open(file, create, store -> {
            settings.rememberProject(file);
            then.accept(store);
        });
        if (job.isRunning()) {
            job.runningProperty().addListener((o, was, now) -> {
                if (!now) {
                    opening.set(null);
                }
            });
        } else {
            opening.set(null);
        }
    }

    /** Takes a recent project off the list (e.g. one that no longer exists). */
    public void forget(Path file) {
        settings.recentProjects().remove(file);
    }

    public ObservableList<Path> recentProjects() {
        return settings.recentProjects();
    }

    public ObservableList<Path> bundledSamples() {
        return bundledSamples;
    }

    /** The project being opened, while it is. */
    public ReadOnlyObjectProperty<Path> openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ImportViewModel importer() {
        return importer;
    }

    public Workspace workspace() {
        return workspace;
    }
}
