package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.RunSample;

/**
 * The Runs screen: the project's runs on top, and below them the picked runs' charts (live, several overlaid),
 * their held-out agreement with humans side by side, and the focused run's spec, log and samples. Reward-model runs
 * start from here, and the training environment is checked and made here.
 */
public final class RunsView extends BorderPane {
    /** How often the screen asks its view model to look at the project while it shows. */
    static final Duration TICK = Duration.millis(400);

    private final RunsViewModel vm;
    private final RunChartsPane charts;
    private final TabPane details = new TabPane();
    private final Tab chartsTab;
    private final Tab heldOutTab;

    public RunsView(RunsViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("screen", "runs-screen");
        setId("runs-screen");
        charts = new RunChartsPane(vm);
        chartsTab = tab("Charts", charts);
        heldOutTab = tab("Held-out agreement", new HeldOutPane(vm));
        details.getTabs().setAll(List.of(chartsTab, heldOutTab, tab("Spec", specArea()), tab("Log", new LogArea(vm.log(), "runs-log")),
                tab("Samples", samplesTable())));
        details.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        details.setId("runs-details");
        RunsTable table = new RunsTable(vm);
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.32);
        SplitPane.setResizableWithParent(table, false);
        setTop(header());
        setCenter(split);
        vm.requestedDetailProperty().addListener((o, was, d) -> {
            if (d != null) {
                details.getSelectionModel().select(d == RunsViewModel.Detail.HELD_OUT ? heldOutTab : chartsTab);
            }
        });
        Timeline ticks = new Timeline(new KeyFrame(TICK, e -> vm.tick()));
        ticks.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                ticks.play();
            } else {
                ticks.stop();
            }
        });
        vm.activeProperty().bind(sceneProperty().isNotNull());
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId("runs-tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    private VBox header() {
        Label title = new Label("Runs");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setId("runs-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button stop = button("Stop", Feather.SQUARE, "runs-stop",
                "Ask the picked run to finish its step, save and end (killed with every process it started if it has"
                        + " not within its grace period)");
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(vm.canStopProperty().not());
        stop.setOnAction(e -> vm.stop());
        Button train = button("Train reward model…", Feather.PLAY, "runs-train",
                "Train a reward model on one label source of this project");
        train.setOnAction(e -> TrainDialog.open(this, vm, TrainFormModel.Mode.SINGLE));
        Button compare = button("RLAIF vs RLHF reward models…", Feather.GIT_PULL_REQUEST, "runs-compare",
                "Two runs with identical settings, one on AI labels and one on human labels, compared on the"
                        + " held-out human verdicts");
        compare.setOnAction(e -> TrainDialog.open(this, vm, TrainFormModel.Mode.COMPARISON));
        Button env = button("Training environment…", Feather.TOOL, "runs-environment",
                "What the Python the trainers run on holds; make the app's own environment");
        env.setOnAction(e -> EnvironmentDialog.open(this, vm.environment()));
        status.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, title, status, grow, env);
        top.getStyleClass().add("screen-header");
        HBox actions = new HBox(8, train, compare, stop);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        actions.setPadding(new javafx.geometry.Insets(0, 20, 10, 20));
        return new VBox(top, actions);
    }

    private static Button button(String text, Feather icon, String id, String tip) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private TextArea specArea() {
        TextArea spec = new TextArea();
        spec.setEditable(false);
        spec.getStyleClass().add("run-text");
        spec.setId("runs-spec");
        spec.textProperty().bind(vm.specProperty());
        return spec;
    }

    private TableView<RunSample> samplesTable() {
        TableView<RunSample> t = new TableView<>(vm.samples());
        t.setId("runs-samples");
        t.getStyleClass().add(Styles.DENSE);
        TableColumn<RunSample, Long> step = new TableColumn<>("Step");
        step.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().step()));
        step.setPrefWidth(60);
        TableColumn<RunSample, String> prompt = new TableColumn<>("Prompt");
        prompt.setCellValueFactory(d -> new ReadOnlyStringWrapper(oneLine(d.getValue().prompt())));
        prompt.setPrefWidth(280);
        TableColumn<RunSample, String> completion = new TableColumn<>("Completion");
        completion.setCellValueFactory(d -> new ReadOnlyStringWrapper(oneLine(d.getValue().completion())));
        completion.setPrefWidth(320);
        TableColumn<RunSample, String> reward = new TableColumn<>("Reward");
        reward.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().reward() == null ? "dropped"
                : String.format(java.util.Locale.ROOT, "%.4f", d.getValue().reward())));
        reward.setPrefWidth(80);
        t.getColumns().setAll(List.of(step, prompt, completion, reward));
        Label none = new Label("Policy runs (SFT, RL, best-of-n) write what they generate here, with its reward.");
        none.getStyleClass().add("placeholder-text");
        none.setWrapText(true);
        t.setPlaceholder(none);
        return t;
    }

    private static String oneLine(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    /** The charts part (tests, screenshots). */
    RunChartsPane chartsPane() {
        return charts;
    }

    public RunsViewModel viewModel() {
        return vm;
    }
}
