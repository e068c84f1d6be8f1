package org.rlaif.workbench.ui;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.dashboard.DashboardView;
import org.rlaif.workbench.ui.dashboard.DashboardViewModel;
import org.rlaif.workbench.ui.review.ReviewView;
import org.rlaif.workbench.ui.review.ReviewViewModel;
import org.rlaif.workbench.ui.compare.CompareView;
import org.rlaif.workbench.ui.compare.CompareViewModel;
import org.rlaif.workbench.ui.pairs.PairsView;
import org.rlaif.workbench.ui.pairs.PairsViewModel;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.start.ChildProcessImport;
import org.rlaif.workbench.ui.start.ImportViewModel;
import org.rlaif.workbench.ui.start.SampleProjects;
import org.rlaif.workbench.ui.start.StartView;
import org.rlaif.workbench.ui.start.StartViewModel;
import org.rlaif.workbench.training.AppDataFolder;
import org.rlaif.workbench.training.RunRecovery;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.runs.RunsView;
import org.rlaif.workbench.ui.runs.RunsViewModel;

/** Builds each screen's view model and view, the first time the shell asks for it. */
final class WorkbenchScreens {
    private final Workspace workspace;
    private final Settings settings;
    private final StartViewModel start;
    private PairsViewModel pairs;
    private CompareViewModel compare;
    private ReviewViewModel review;
    private DashboardViewModel dashboard;
    private RunsViewModel runs;

    WorkbenchScreens(Workspace workspace, Settings settings, Path userFolder) {
        this.workspace = workspace;
        this.settings = settings;
        ImportService imports = new ImportService();
        this.start = new StartViewModel(workspace, settings, SampleProjects.standard(userFolder.resolve("samples")),
                new ImportViewModel(workspace, imports, new ChildProcessImport()));
        // made now, not with its screen: it starts reading the first page the moment a project opens
        this.pairs = new PairsViewModel(workspace);
        // a run whose window or command was killed reads "interrupted" from the moment its project opens (decision 41)
        workspace.prefetchOnOpen(RunRecovery::markInterrupted);
    }

    StartViewModel start() {
        return start;
    }

    /** The pairs screen's view model, made on first use (the benchmark drives it too). */
    PairsViewModel pairs() {
        if (pairs == null) {
            pairs = new PairsViewModel(workspace);
        }
        return pairs;
    }

    CompareViewModel compare() {
        if (compare == null) {
            compare = new CompareViewModel(workspace);
        }
        return compare;
    }

    ReviewViewModel review() {
        if (review == null) {
            review = new ReviewViewModel(workspace, settings);
        }
        return review;
    }

    DashboardViewModel dashboard() {
        if (dashboard == null) {
            dashboard = new DashboardViewModel(workspace);
        }
        return dashboard;
    }

    RunsViewModel runs() {
        if (runs == null) {
            // a finished reward model becomes a labeler: DJL scores every pair with its ONNX export
            runs = new RunsViewModel(workspace, TrainingEnvironment.locate(AppDataFolder.get(), null),
                    RewardModelTraining.DJL);
        }
        return runs;
    }

    Map<Screen, Supplier<Node>> factories() {
        Map<Screen, Supplier<Node>> f = new EnumMap<>(Screen.class);
        f.put(Screen.START, () -> new StartView(start));
        f.put(Screen.PAIRS, () -> new PairsView(pairs()));
        f.put(Screen.COMPARE, () -> new CompareView(compare(), settings));
        f.put(Screen.REVIEW, () -> new ReviewView(review(), settings));
        f.put(Screen.DASHBOARD, () -> new DashboardView(dashboard()));
        f.put(Screen.LABELERS, () -> new LabelersScreen(workspace));
        f.put(Screen.RUNS, () -> new RunsView(runs()));
        return f;
    }
}
