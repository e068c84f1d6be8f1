package org.rlaif.workbench.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.rlaif.workbench.store.ProjectOverview;
import org.rlaif.workbench.ui.common.JobHandle;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.Theme;

/** The frame around the screens: which screen is shown, the theme, the window title and the status line. */
public final class ShellViewModel {
    private final Workspace workspace;
    private final Settings settings;
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(this, "screen", Screen.START);
    private final BooleanBinding projectOpen;
    private final StringBinding title;
    private final StringBinding projectStatus;

    public ShellViewModel(Workspace workspace, Settings settings) {
        this.workspace = workspace;
        this.settings = settings;
        this.projectOpen = workspace.projectProperty().isNotNull();
        this.title = Bindings.createStringBinding(() -> workspace.project() == null ? "RLAIF Workbench"
                : workspace.project().file().getFileName() + " — RLAIF Workbench", workspace.projectProperty());
        this.projectStatus = Bindings.createStringBinding(this::describeProject, workspace.projectProperty(),
                workspace.summaryProperty());
        workspace.requestedScreenProperty().addListener((o, was, now) -> {
            if (now != null) {
                show(now);
            }
        });
        workspace.projectProperty().addListener((o, was, now) -> {
            if (now == null && screen.get().needsProject()) {
                screen.set(Screen.START);
            }
        });
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    /** Shows {@code target}, unless it needs a project and none is open. */
    public void show(Screen target) {
        if (!target.needsProject() || projectOpen.get()) {
            screen.set(target);
        }
    }

    /**
     * Starts on the pairs screen while a project opens at launch, so the start screen is not built and laid out
     * only to be left a moment later; a failed open comes back to the start screen.
     */
    public void startOnPairs() {
        screen.set(Screen.PAIRS);
    }

    public BooleanBinding projectOpenProperty() {
        return projectOpen;
    }

    public StringBinding titleProperty() {
        return title;
    }

    /** "pairs.rlaif · 1,000 pairs · 5 labelers · 12 adjudicated" */
    public StringBinding projectStatusProperty() {
        return projectStatus;
    }

    private String describeProject() {
        if (workspace.project() == null) {
            return "No project open";
        }
        String name = workspace.project().file().getFileName().toString();
        ProjectOverview s = workspace.summaryProperty().get();
        if (s == null) {
            return name;
        }
        return String.format("%s  ·  %,d pairs  ·  %,d disputed  ·  %,d adjudicated  ·  %d labelers", name,
                s.pairs(), s.disputed(), s.adjudicated(), s.labelers().size());
    }

    public ObjectProperty<Theme> themeProperty() {
        return settings.themeProperty();
    }

    public void toggleTheme() {
        settings.themeProperty().set(settings.themeProperty().get().other());
    }

    public ObservableList<JobHandle> runningJobs() {
        return workspace.jobs().running();
    }

    public Workspace workspace() {
        return workspace;
    }
}
