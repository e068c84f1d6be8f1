package org.rlaif.workbench.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
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
        warmUpInBackground();
        Application.launch(WorkbenchApp.class, args);
    }

    /**
     * Loads what the first seconds need (the JSON mapper for the settings, the SQLite native library) on another
     * thread while JavaFX starts its toolkit, instead of one after the other on the JavaFX thread.
     */
    private static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                org.rlaif.workbench.io.Json.mapper().readTree("{\"warm\": [1, 2.5, true]}");
                Class.forName("org.sqlite.JDBC");
                try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
                    c.createStatement().execute("SELECT 1");
                }
            } catch (Exception ignored) {
                // only a head start: whatever fails here fails again, with a proper message, where it is used
            }
        }, "startup-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void start(Stage stage) {
        String open = System.getProperty(OPEN_PROPERTY);
        start(stage, new SettingsFile(SettingsFile.defaultLocation()), open == null ? null : Path.of(open));
    }

    /** Builds and shows the window; {@code project} (may be null) is opened at once. */
    public void start(Stage stage, SettingsFile file, Path project) {
        settingsFile = file;
        settings = file.load();
        file.saveOnChange(settings);
        jobs = new FxJobExecutor();
        workspace = new Workspace(jobs);
        shellModel = new ShellViewModel(workspace, settings);
        screens = new WorkbenchScreens(workspace, settings, file.file().toAbsolutePath().getParent());
        // open the project first: its reading runs while the window is being built and styled
        if (screens.start().openAtLaunch(project)) {
            shellModel.startOnPairs();
        }
        shell = new ShellView(shellModel, screens.factories());

        applyTheme(settings.themeProperty().get());
        settings.themeProperty().addListener((o, was, now) -> applyTheme(now));
        Scene scene = new Scene(shell);
        scene.getStylesheets().addAll(stylesheet("/ui/controlsfx-atlantafx.css"), stylesheet("/ui/workbench.css"));
        stage.setScene(scene);
        stage.titleProperty().bind(shellModel.titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        WindowLayout.remember(stage, settings);
        stage.show();
        if (Boolean.getBoolean(PROBE_PROPERTY)) {
            FirstPageProbe.watch(shell);
        }
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
