package org.rlaif.workbench.ui;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.rlaif.workbench.ui.common.FxJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.prefs.Theme;
import org.rlaif.workbench.ui.prefs.WindowLayout;
import org.rlaif.workbench.ui.shell.ShellView;
import org.rlaif.workbench.ui.shell.ShellViewModel;

/**
 * The JavaFX application: the workbench window. This class only wires things together: settings, the job
 * executor, the shared workspace, the screens and the theme.
 */
public final class WorkbenchApp extends Application {
    /** System property: a project to open at start, instead of the last one or the sample. */
    public static final String OPEN_PROPERTY = "rlaif.open";

    /** How long the window waits, at most, to show with the project it opens at launch. */
    static final Duration LONGEST_WAIT_FOR_PROJECT = Duration.seconds(1);

    /** Started by {@link #launchWindow} before the toolkit, picked up by {@link #start(Stage)}. */
    private static volatile LaunchWarmUp warmUp;

    private FxJobExecutor jobs;
    private SettingsFile settingsFile;
    private Settings settings;
    private Workspace workspace;
    private ShellViewModel shellModel;
    private ShellView shell;
    private WorkbenchScreens screens;

    /** System property: print the JVM uptime when the first page of pairs is on screen, then quit (bench ui). */
    public static final String PROBE_PROPERTY = "rlaif.probe.firstPage";

    public static void launchWindow(String[] args) {
        warmUp = LaunchWarmUp.begin(new SettingsFile(SettingsFile.defaultLocation()));
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        String open = System.getProperty(OPEN_PROPERTY);
        LaunchWarmUp.toolkitStarted();
        LaunchWarmUp w = warmUp != null ? warmUp : LaunchWarmUp.begin(new SettingsFile(SettingsFile.defaultLocation()));
        start(stage, w.file(), w::settings, open == null ? null : Path.of(open));
    }

    /** Builds and shows the window; {@code project} (may be null) is opened at once. */
    public void start(Stage stage, SettingsFile file, Path project) {
        start(stage, file, file::load, project);
    }

    private void start(Stage stage, SettingsFile file, Supplier<Settings> loaded, Path project) {
        settingsFile = file;
        settings = loaded.get();
        file.saveOnChange(settings);
        // before the first control exists: a control class, once loaded, reads JavaFX's own Modena stylesheet
        // unless an application stylesheet is already set, only for the theme to replace it a moment later
        applyTheme(settings.themeProperty().get());
        settings.themeProperty().addListener((o, was, now) -> applyTheme(now));
        jobs = new FxJobExecutor();
        workspace = new Workspace(jobs);
        shellModel = new ShellViewModel(workspace, settings);
        screens = new WorkbenchScreens(workspace, settings, file.file().toAbsolutePath().getParent());
        // open the project first: its reading runs while the window is being built and styled
        boolean opening = screens.start().openAtLaunch(project);
        if (opening) {
            shellModel.startOnPairs();
        }
        shell = new ShellView(shellModel, screens.factories());

        Scene scene = new Scene(shell);
        scene.getStylesheets().addAll(stylesheet("/ui/controlsfx-atlantafx.css"), stylesheet("/ui/workbench.css"));
        stage.setScene(scene);
        stage.titleProperty().bind(shellModel.titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        WindowLayout.remember(stage, settings);
        if (opening) {
            showWhenOpened(stage);
        } else {
            stage.show();
        }
        if (Boolean.getBoolean(PROBE_PROPERTY)) {
            FirstPageProbe.watch(shell);
        }
    }

    /**
     * Shows the window once the project opening at launch is in place (or could not be opened), so that the first
     * frame already shows the first page: styling, laying out and painting the window once, not once empty and
     * again a moment later with the rows. A project that takes long to open (its summaries to catch up) does not
     * hold the window back longer than {@link #LONGEST_WAIT_FOR_PROJECT}: it shows, with the opening as a job.
     */
    private void showWhenOpened(Stage stage) {
        PauseTransition deadline = new PauseTransition(LONGEST_WAIT_FOR_PROJECT);
        Runnable show = () -> {
            deadline.stop();
            if (!stage.isShowing()) {
                stage.show();
            }
        };
        deadline.setOnFinished(e -> show.run());
        ReadOnlyObjectProperty<Path> opening = screens.start().openingProperty();
        opening.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Path> o, Path was, Path now) {
                if (now == null) {
                    opening.removeListener(this);
                    // the job's end is announced before its result is handed over: show after that
                    Platform.runLater(show);
                }
            }
        });
        deadline.play();
    }

    private static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
    }

    private static String stylesheet(String resource) {
        var url = WorkbenchApp.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + resource + " is missing from the build");
        }
        return url.toExternalForm();
    }

    public Workspace workspace() {
        return workspace;
    }

    public ShellViewModel shell() {
        return shellModel;
    }

    public ShellView shellView() {
        return shell;
    }

    public Settings settings() {
        return settings;
    }

    WorkbenchScreens screens() {
        return screens;
    }

    public FxJobExecutor jobs() {
        return jobs;
    }

    @Override
    public void stop() {
        if (settingsFile != null) {
            settingsFile.save(settings);
            settingsFile.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (workspace != null) {
            workspace.closeNow();
        }
        Platform.exit();
    }
}
