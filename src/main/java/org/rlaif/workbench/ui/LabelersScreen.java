package org.rlaif.workbench.ui;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.labelers.LabelersView;
import org.rlaif.workbench.ui.labelers.LabelersViewModel;

/**
 * The labeling engine's Labelers screen in the window's frame: one {@link LabelersView} per open project, and the
 * labels a run writes announced to the other screens as they arrive (at most every few seconds, and once more
 * when the run ends), so the dashboard and the review queue follow a run live.
 */
final class LabelersScreen extends BorderPane {
    private static final Duration ANNOUNCE_EVERY = Duration.seconds(3);
    private final Workspace workspace;
    private final PauseTransition announce = new PauseTransition(ANNOUNCE_EVERY);
    private boolean announcePending;

    LabelersScreen(Workspace workspace) {
        this.workspace = workspace;
        getStyleClass().add("screen");
        announce.setOnFinished(e -> {
            if (announcePending) {
                announcePending = false;
                workspace.changed();
            }
        });
        workspace.projectProperty().addListener((o, was, now) -> show(now));
        show(workspace.project());
    }

    private void show(ProjectStore store) {
        if (store == null) {
            Label none = new Label("Open a project to configure its AI labelers.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            setCenter(new VBox(none));
            return;
        }
        LabelersViewModel model = new LabelersViewModel(store, workspace.jobs());
        model.runProgressProperty().addListener((o, was, now) -> labelsArrived());
        model.runningProperty().addListener((o, was, running) -> {
            if (!running) {
                announce.stop();
                announcePending = false;
                workspace.changed();
            }
        });
        Label title = new Label("Labelers");
        title.getStyleClass().add(Styles.TITLE_2);
        Label subtitle = new Label("AI labelers on any OpenAI-compatible server: configure, test on one pair, run.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(2, title, subtitle);
        header.setPadding(new Insets(16, 20, 6, 20));
        setTop(header);
        setCenter(new LabelersView(model));
    }

    private void labelsArrived() {
        announcePending = true;
        if (announce.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            announce.playFromStart();
        }
    }
}
