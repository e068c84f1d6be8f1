package org.rlaif.workbench.ui.labelers;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.JobExecutor;

/**
 * The Labelers screen: AI labelers on the left; on the right the selected one's server, model and technique, its
 * prompt template, a connection test on one pair, and its labeling run with live figures. Built in code and bound
 * to a {@link LabelersViewModel}; it holds no state of its own.
 */
public final class LabelersView extends BorderPane {
    private final LabelersViewModel model;
    /** Adapters between primitive and object properties: bidirectional bindings hold them only weakly. */
    private final java.util.List<Object> adapters = new java.util.ArrayList<>();

    /** The screen over an open project; all work goes through {@code jobs}. */
    public LabelersView(ProjectStore store, JobExecutor jobs) {
        this(new LabelersViewModel(store, jobs));
    }

    public LabelersView(LabelersViewModel model) {
        this.model = model;
        getStyleClass().add("labelers-view");
        setLeft(labelerList());
        ScrollPane right = new ScrollPane(new VBox(12, form(), template(), connectionTest(), run(), messages()));
        right.setFitToWidth(true);
        right.setPadding(new Insets(12));
        setCenter(right);
        model.refresh();
    }

    public LabelersViewModel viewModel() {
        return model;
    }

    private VBox labelerList() {
        ListView<Labeler> list = new ListView<>(model.labelers());
        list.setId("labelerList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Labeler l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : l.name() + "\n" + l.modelId() + " · " + l.technique());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            }
        });
        Button add = new Button("New labeler");
        add.setId("newLabeler");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> model.newLabeler());
        VBox box = new VBox(8, new Label("AI labelers"), list, add);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        box.setPrefWidth(240);
        return box;
    }

    private TitledPane form() {
        GridPane g = grid();
        int r = 0;
        g.addRow(r++, new Label("Name"), field("name", model.nameProperty(), "e.g. qwen7b-preamble"));
        g.addRow(r++, new Label("Base URL"), field("baseUrl", model.baseUrlProperty(), "http://127.0.0.1:8080/v1"));
        g.addRow(r++, new Label("Model"), field("model", model.modelProperty(), "name the server knows the model by"));
        g.addRow(r++, new Label("Parameters"), field("params", model.paramsProperty(), "e.g. 7e9 (for the scaling chart)"));
        g.addRow(r++, new Label("API key variable"), field("apiKeyEnv", model.apiKeyEnvProperty(),
                "NAME of the environment variable; the key itself is never stored"));
        ChoiceBox<Technique> technique = new ChoiceBox<>();
        technique.getItems().setAll(LabelersViewModel.techniques());
        technique.valueProperty().bindBidirectional(model.techniqueProperty());
        technique.setConverter(new StringConverter<>() {
            @Override
            public String toString(Technique t) {
                return t == null ? "" : switch (t) {
                    case BASE -> "base: short task statement";
                    case PREAMBLE -> "preamble: detailed instruction";
                    case COT -> "chain of thought: rationale, then verdict";
                };
            }

            @Override
            public Technique fromString(String s) {
                return null;
            }
        });
        g.addRow(r++, new Label("Technique"), technique);
        CheckBox both = new CheckBox("Ask in both orders and average (position debiasing)");
        both.selectedProperty().bindBidirectional(model.bothOrdersProperty());
        g.addRow(r++, new Label("Orders"), both);
        g.addRow(r++, new Label("Self-consistency samples"), spinner(model.samplesProperty(), 1, 64));
        Spinner<Double> temperature = new Spinner<>(0.0, 2.0, model.temperatureProperty().get(), 0.1);
        var temperatureObject = model.temperatureProperty().asObject();
        adapters.add(temperatureObject);
        temperature.getValueFactory().valueProperty().bindBidirectional(temperatureObject);
        temperature.setEditable(true);
        g.addRow(r++, new Label("Temperature"), temperature);
        g.addRow(r++, new Label("Few-shot exemplars"), spinner(model.fewShotProperty(), 0, 16));
        g.addRow(r++, new Label("Max answer tokens"), spinner(model.maxTokensProperty(), 1, 4096));
        g.addRow(r++, new Label("Concurrency"), spinner(model.concurrencyProperty(), 1, 256));
        g.addRow(r++, new Label("Requests per minute"), spinner(model.requestsPerMinuteProperty(), 0, 100_000));
        g.addRow(r++, new Label("Price per 1M tokens (in / out, USD)"), new HBox(6,
                field("priceIn", model.priceInProperty(), "input"), field("priceOut", model.priceOutProperty(), "output")));
        Button save = new Button("Save labeler");
        save.setId("saveLabeler");
        save.setOnAction(e -> model.save());
        g.add(save, 1, r);
        TitledPane pane = new TitledPane("Labeler", g);
        pane.setCollapsible(false);
        return pane;
    }

    private TitledPane template() {
        ChoiceBox<Task> task = new ChoiceBox<>();
        task.getItems().setAll(Task.values());
        task.valueProperty().bindBidirectional(model.templateTaskProperty());
        TextArea text = new TextArea();
        text.setId("templateText");
        text.setPrefRowCount(12);
        text.setWrapText(true);
        text.textProperty().bindBidirectional(model.templateTextProperty());
        Button reset = new Button("Reset to shipped");
        reset.setOnAction(e -> model.resetTemplate());
        VBox box = new VBox(8, new HBox(8, new Label("Task"), task, reset), text,
                new Label("Sections: [options] asks-for, [base], [preamble], [pair] with {context} {first} {second},"
                        + " [rationale], [verdict]. Saved with the labeler."));
        TitledPane pane = new TitledPane("Prompt template", box);
        pane.setExpanded(false);
        return pane;
    }

    private TitledPane connectionTest() {
        Button test = new Button("Test connection");
        test.setId("testConnection");
        test.disableProperty().bind(model.testingProperty());
        test.setOnAction(e -> model.testConnection());
        Label verdict = new Label();
        verdict.setId("testVerdict");
        verdict.textProperty().bind(model.testVerdictProperty());
        verdict.setWrapText(true);
        TextArea prompt = readOnlyArea("testPrompt", 10);
        prompt.textProperty().bind(model.testPromptProperty());
        TextArea answer = readOnlyArea("testAnswer", 3);
        answer.textProperty().bind(model.testAnswerProperty());
        VBox box = new VBox(8, new HBox(12, test, verdict), new Label("Prompt sent"), prompt, new Label("Raw answer"), answer);
        TitledPane pane = new TitledPane("Test with one pair (nothing is stored)", box);
        pane.setCollapsible(false);
        return pane;
    }

    private TitledPane run() {
        Spinner<Integer> limit = spinner(model.limitProperty(), 0, Integer.MAX_VALUE);
        CheckBox unlabeled = new CheckBox("Only pairs this labeler has not labeled");
        unlabeled.selectedProperty().bindBidirectional(model.unlabeledOnlyProperty());
        Button start = new Button("Start labeling");
        start.setId("startRun");
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.startRun());
        Button pause = new Button();
        pause.setId("pauseRun");
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(model.runningProperty().not());
        pause.setOnAction(e -> {
            if (model.pausedProperty().get()) {
                model.resumeRun();
            } else {
                model.pauseRun();
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("cancelRun");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancelRun());
        ProgressBar bar = new ProgressBar();
        bar.setId("runProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.runProgressProperty());
        VBox figures = new VBox(4, bound("runState", model.runStateProperty()), bound("runCounts", model.runCountsProperty()),
                bound("runRate", model.runRateProperty()), bound("runTokens", model.runTokensProperty()),
                bound("runCost", model.runCostProperty()), bound("runFailures", model.runFailuresProperty()));
        VBox box = new VBox(8, new HBox(8, new Label("At most (0 = all) pairs"), limit, unlabeled),
                new HBox(8, start, pause, cancel), bar, figures);
        TitledPane pane = new TitledPane("Labeling run", box);
        pane.setCollapsible(false);
        return pane;
    }

    private VBox messages() {
        Label message = bound("message", model.messageProperty());
        Label error = bound("error", model.errorProperty());
        error.getStyleClass().add(atlantafx.base.theme.Styles.DANGER); // the theme's error colour, light or dark
        return new VBox(4, message, error);
    }

    private static Label bound(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }

    private static TextArea readOnlyArea(String id, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(true);
        a.setPrefRowCount(rows);
        return a;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private Spinner<Integer> spinner(javafx.beans.property.IntegerProperty p, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        var object = p.asObject();
        adapters.add(object);
        s.getValueFactory().valueProperty().bindBidirectional(object);
        return s;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(180);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(labels, fields);
        return g;
    }
}
