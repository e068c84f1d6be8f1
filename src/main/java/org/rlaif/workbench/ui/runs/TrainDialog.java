package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The "Train reward model" and "RLAIF vs RLHF" dialog: the form of a {@link TrainFormModel}. "Train" checks the
 * settings in the background and keeps the dialog open with what is wrong beside the form (and, when the training
 * environment is missing, a button to make it); once they pass, the run starts and the dialog closes.
 */
final class TrainDialog {
    private TrainDialog() {
    }

    static void open(Node owner, RunsViewModel vm, TrainFormModel.Mode mode) {
        TrainFormModel form = vm.newForm(mode);
        if (form == null) {
            return;
        }
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle(mode == TrainFormModel.Mode.COMPARISON ? "RLAIF vs RLHF reward models" : "Train a reward model");
        dialog.setHeaderText(mode == TrainFormModel.Mode.COMPARISON
                ? "Two runs with the same settings and held-out pairs: one on AI labels, one on human labels."
                : "A Bradley–Terry reward model on one label source, judged on held-out human verdicts.");
        ButtonType train = new ButtonType(mode == TrainFormModel.Mode.COMPARISON ? "Train both" : "Train",
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(train, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(content(form, vm, owner));
        Button ok = (Button) dialog.getDialogPane().lookupButton(train);
        ok.setId("train-submit");
        ok.disableProperty().bind(form.checkingProperty());
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays until the settings pass
            form.submit(prepared -> {
                vm.start(mode, prepared);
                dialog.close();
            });
        });
        dialog.show();
    }

    private static VBox content(TrainFormModel form, RunsViewModel vm, Node owner) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        int r = 0;
        if (form.mode() == TrainFormModel.Mode.COMPARISON) {
            g.addRow(r++, new Label("AI label source"), source(form.sources(), form.labelsProperty(), "train-labels"));
            g.addRow(r++, new Label("Human label source"),
                    source(form.humanSources(), form.humanLabelsProperty(), "train-human-labels"));
        } else {
            g.addRow(r++, new Label("Label source"), source(form.sources(), form.labelsProperty(), "train-labels"));
            g.addRow(r++, new Label("Run name"), field(form.nameProperty(), "reward model on SOURCE", "train-name"));
        }
        ComboBox<String> backbone = source(javafx.collections.FXCollections.observableArrayList("tiny"),
                form.backboneProperty(), "train-backbone");
        backbone.setPromptText("tiny, a Hugging Face id, or a folder");
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A model folder (as save_pretrained writes it)");
            File f = chooser.showDialog(owner.getScene().getWindow());
            if (f != null) {
                form.backboneProperty().set(f.getAbsolutePath());
            }
        });
        HBox backboneRow = new HBox(6, backbone, folder);
        HBox.setHgrow(backbone, Priority.ALWAYS);
        g.addRow(r++, new Label("Backbone"), backboneRow);
        ComboBox<String> device = new ComboBox<>(javafx.collections.FXCollections.observableArrayList("auto", "cpu",
                "cuda"));
        device.valueProperty().bindBidirectional(form.deviceProperty());
        device.setId("train-device");
        HBox deviceRow = new HBox(10, device, new Label("Seed"), field(form.seedProperty(), "", "train-seed"));
        deviceRow.setAlignment(Pos.CENTER_LEFT);
        g.addRow(r++, new Label("Device"), deviceRow);
        g.addRow(r++, new Label("Epochs"), pair(field(form.epochsProperty(), "default", "train-epochs"), "Max steps",
                field(form.maxStepsProperty(), "all", "train-max-steps")));
        g.addRow(r++, new Label("Batch size"), pair(field(form.batchSizeProperty(), "default", "train-batch"),
                "Learning rate", field(form.learningRateProperty(), "default", "train-lr")));
        g.addRow(r++, new Label("Max length"), pair(field(form.maxLengthProperty(), "tokens", "train-max-length"),
                "Evaluate every", field(form.evalStepsProperty(), "steps", "train-eval-steps")));
        CheckBox lora = new CheckBox("LoRA");
        lora.selectedProperty().bindBidirectional(form.loraProperty());
        lora.setId("train-lora");
        HBox loraRow = new HBox(8, lora, new Label("r"), small(form.loraRProperty()), new Label("alpha"),
                small(form.loraAlphaProperty()), new Label("dropout"), small(form.loraDropoutProperty()));
        loraRow.setAlignment(Pos.CENTER_LEFT);
        loraRow.getChildren().stream().skip(1).forEach(n -> n.disableProperty().bind(form.loraProperty().not()));
        g.addRow(r++, new Label("Adapters"), loraRow);
        Label defaults = new Label("Blank fields take the backbone's defaults (the tiny offline model learns from"
                + " scratch: a large learning rate, short sequences).");
        defaults.setWrapText(true);
        defaults.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        defaults.setMaxWidth(520);
        VBox box = new VBox(10, g, defaults, problem(form, vm));
        box.setPadding(new Insets(4, 0, 0, 0));
        return box;
    }

    /** What is wrong, beside the form; with a button to make the training environment when that is what is. */
    private static VBox problem(TrainFormModel form, RunsViewModel vm) {
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        Label checking = new Label("Checking the settings…", busy);
        checking.visibleProperty().bind(form.checkingProperty());
        checking.managedProperty().bind(form.checkingProperty());
        Label problem = new Label();
        problem.setId("train-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(520);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(form.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        Button make = new Button("Make the training environment…");
        make.setId("train-make-environment");
        make.visibleProperty().bind(form.offerSetupProperty());
        make.managedProperty().bind(make.visibleProperty());
        make.setOnAction(e -> EnvironmentDialog.open(make, vm.environment()));
        return new VBox(6, checking, problem, make);
    }

    private static ComboBox<String> source(javafx.collections.ObservableList<String> items, StringProperty value,
                                           String id) {
        ComboBox<String> c = new ComboBox<>(items);
        c.setEditable(true);
        c.valueProperty().bindBidirectional(value);
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setPrefWidth(300);
        return c;
    }

    private static TextField field(StringProperty value, String prompt, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPromptText(prompt);
        f.setId(id);
        f.setPrefColumnCount(8);
        return f;
    }

    private static TextField small(StringProperty value) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(3);
        return f;
    }

    private static HBox pair(TextField first, String secondLabel, TextField second) {
        HBox h = new HBox(10, first, new Label(secondLabel), second);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }
}
