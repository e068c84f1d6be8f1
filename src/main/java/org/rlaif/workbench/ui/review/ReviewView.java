package org.rlaif.workbench.ui.review;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.ui.common.ScreenKeys;
import org.rlaif.workbench.ui.compare.PairDetails;
import org.rlaif.workbench.ui.compare.VerdictStrip;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.WindowLayout;

/**
 * The review queue: one disputed pair at a time, the choice on one key (1 / 2 / T, S skip, U undo, N note, all
 * remappable), progress and pace on top, and after each choice what the others had said.
 */
public final class ReviewView extends BorderPane {
    private final ReviewViewModel vm;
    private final TextFlow context = new TextFlow();
    private final TextFlow textA = new TextFlow();
    private final TextFlow textB = new TextFlow();
    private final Label pairInfo = new Label();
    private final VerdictStrip verdicts = new VerdictStrip();
    private final VBox decision = new VBox(6);
    private final HBox actions = new HBox(8);
    private final StackPane body = new StackPane();

    public ReviewView(ReviewViewModel vm, Settings settings) {
        this.vm = vm;
        getStyleClass().addAll("screen", "review-screen");
        setTop(new VBox(header(), optionsRow()));
        SplitPane texts = texts(settings);
        VBox work = new VBox(10, texts, actions, noteField(), verdictArea(), decision);
        VBox.setVgrow(texts, Priority.ALWAYS);
        work.setPadding(new Insets(0, 20, 14, 20));
        body.getChildren().setAll(work, done());
        setCenter(body);
        buildActions();
        vm.keys();
        settings.keyBindings().addListener((javafx.collections.MapChangeListener<String, String>) c -> buildActions());
        vm.currentProperty().addListener((o, was, now) -> show(now));
        vm.hideAiLabelsProperty().addListener((o, was, now) -> show(vm.currentProperty().get()));
        vm.lastDecisionProperty().addListener((o, was, now) -> showDecision(now));
        show(vm.currentProperty().get());
        vm.activeProperty().bind(sceneProperty().isNotNull());
        ScreenKeys.install(this, vm::handleKey);
    }

    // ------------------------------------------------------------------ layout

    private HBox header() {
        Label title = new Label("Review");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setMinWidth(Region.USE_PREF_SIZE);
        pairInfo.getStyleClass().add(Styles.TEXT_MUTED);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(200);
        bar.progressProperty().bind(Bindings.createDoubleBinding(vm::fractionDone, vm.progressProperty()));
        Label text = new Label();
        text.textProperty().bind(vm.progressProperty());
        text.getStyleClass().add("pace-label");
        text.setId("review-progress");
        text.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(12, title, pairInfo, grow, text, bar);
        box.getStyleClass().add("screen-header");
        return box;
    }

    private HBox optionsRow() {
        Label as = new Label("Labeling as");
        as.getStyleClass().add(Styles.TEXT_MUTED);
        TextField name = new TextField(vm.annotatorNameProperty().get());
        name.setPrefColumnCount(10);
        name.setId("review-annotator");
        name.setTooltip(new Tooltip("Your name: your verdicts are labels of a HUMAN labeler with this name"));
        name.setOnAction(e -> {
            if (!name.getText().isBlank()) {
                vm.annotatorNameProperty().set(name.getText().strip());
            }
            requestFocus();
        });
        name.focusedProperty().addListener((o, was, focused) -> {
            if (!focused && !name.getText().isBlank()) {
                vm.annotatorNameProperty().set(name.getText().strip());
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToggleSwitch hide = new ToggleSwitch("Hide AI verdicts until I choose");
        hide.selectedProperty().bindBidirectional(vm.hideAiLabelsProperty());
        hide.setId("review-hide-ai");
        ToggleSwitch adjudicate = new ToggleSwitch("Also adjudicate");
        adjudicate.selectedProperty().bindBidirectional(vm.adjudicateProperty());
        adjudicate.setTooltip(new Tooltip("Record each choice as the pair's adjudication (the final word) too"));
        ToggleSwitch scope = new ToggleSwitch("Only the pairs screen's filter");
        scope.selectedProperty().bindBidirectional(vm.scopeToListingProperty());
        Button keys = new Button("Keys…", new FontIcon(Feather.COMMAND));
        keys.setOnAction(e -> editKeys());
        keys.setId("review-keys");
        HBox row = new HBox(14, as, name, grow, hide, adjudicate, scope, keys);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(0, 20, 10, 20));
        return row;
    }

    private SplitPane texts(Settings settings) {
        VBox ctx = pane("Context", null, context);
        SplitPane responses = new SplitPane(pane("Response A", "a", textA), pane("Response B", "b", textB));
        responses.setDividerPositions(0.5);
        responses.getStyleClass().add(Styles.DENSE);
        SplitPane split = new SplitPane(ctx, responses);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        split.getStyleClass().add(Styles.DENSE);
        WindowLayout.rememberDividers(split, "review.context", settings);
        WindowLayout.rememberDividers(responses, "review.responses", settings);
        return split;
    }

    private static VBox pane(String title, String letter, TextFlow text) {
        HBox head = new HBox(10);
        head.getStyleClass().add("response-header");
        if (letter != null) {
            Label badge = new Label(letter.toUpperCase(Locale.ROOT));
            badge.getStyleClass().addAll("response-letter", letter);
            head.getChildren().add(badge);
        }
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TEXT_BOLD);
        head.getChildren().add(t);
        text.setPadding(new Insets(10, 14, 10, 14));
        text.getStyleClass().add("diff-text");
        ScrollPane scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox box = new VBox(head, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.getStyleClass().add(letter == null ? "context-pane" : "response-pane");
        return box;
    }

    private void buildActions() {
        actions.getChildren().clear();
        KeyMap keys = vm.keys();
        for (ReviewAction a : ReviewAction.values()) {
            Label key = new Label(KeyMap.display(keys.keyFor(a)));
            key.getStyleClass().add("review-key");
            Button b = new Button(a.label(), key);
            b.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
            b.setGraphicTextGap(8);
            b.setId("review-" + a.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                vm.perform(a);
                requestFocus();
            });
            switch (a) {
                case CHOOSE_A, CHOOSE_B, TIE -> {
                    b.getStyleClass().addAll(Styles.LARGE, a == ReviewAction.TIE ? Styles.BUTTON_OUTLINED : Styles.ACCENT);
                    b.disableProperty().bind(vm.currentProperty().isNull().or(vm.busyProperty()));
                    b.setPrefWidth(170);
                }
                case UNDO -> b.disableProperty().bind(vm.canUndoProperty().not().or(vm.busyProperty()));
                default -> b.disableProperty().bind(vm.currentProperty().isNull().or(vm.busyProperty()));
            }
            if (a == ReviewAction.SKIP) {
                Region gap = new Region();
                gap.setPrefWidth(24);
                actions.getChildren().add(gap);
            }
            actions.getChildren().add(b);
        }
        actions.setAlignment(Pos.CENTER);
    }

    private HBox noteField() {
        TextField field = new TextField();
        field.setPromptText("A note for this pair, saved with your verdict (Enter to keep, Esc to drop)");
        field.textProperty().bindBidirectional(vm.noteProperty());
        field.setId("review-note");
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox box = new HBox(8, new FontIcon(Feather.EDIT_3), field);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.noteOpenProperty().or(vm.noteProperty().isNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        vm.noteOpenProperty().addListener((o, was, open) -> {
            if (open) {
                javafx.application.Platform.runLater(field::requestFocus);
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.ESCAPE) {
                if (e.getCode() == KeyCode.ESCAPE) {
                    vm.noteProperty().set("");
                }
                vm.noteOpenProperty().set(false);
                requestFocus();
                e.consume();
            }
        });
        return box;
    }

    private VBox verdictArea() {
        Label title = new Label("OTHER VERDICTS");
        title.getStyleClass().add("section-title");
        return new VBox(6, title, verdicts);
    }

    private VBox done() {
        FontIcon icon = new FontIcon(Feather.CHECK_CIRCLE);
        icon.setIconSize(56);
        icon.getStyleClass().add(Styles.SUCCESS);
        Label title = new Label("Nothing left to review");
        title.getStyleClass().add(Styles.TITLE_2);
        Label text = new Label();
        text.textProperty().bind(vm.progressProperty());
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(12, icon, title, text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("screen");
        box.setId("review-done");
        box.visibleProperty().bind(vm.currentProperty().isNull().and(vm.remainingProperty().isEqualTo(0)));
        return box;
    }

    // ------------------------------------------------------------------ content

    private void show(PairDetails d) {
        if (d == null) {
            set(context, "");
            set(textA, "");
            set(textB, "");
            pairInfo.setText("");
            verdicts.show(List.of(), l -> false);
            return;
        }
        var p = d.pair();
        pairInfo.setText(String.format(Locale.ROOT, "Pair #%d · %s · %s", p.id(), p.task().key(), p.source()));
        set(context, p.context());
        set(textA, p.responseA());
        set(textB, p.responseB());
        boolean hide = vm.hideAiLabelsProperty().get();
        List<PairDetails.LabelerVerdicts> others = d.verdicts().stream()
                .filter(v -> vm.annotatorProperty().get() == null
                        || !v.labeler().name().equals(vm.annotatorProperty().get().name()))
                .toList();
        verdicts.show(others, l -> hide && !l.isHuman());
    }

    private static void set(TextFlow flow, String text) {
        Text t = new Text(text);
        t.getStyleClass().add("diff-same-text");
        flow.getChildren().setAll(t);
    }

    private void showDecision(ReviewViewModel.Decision d) {
        decision.getChildren().clear();
        if (d == null) {
            return;
        }
        Label you = new Label(String.format(Locale.ROOT, "Pair #%d: you chose %s.", d.pairId(),
                d.chosen() == Choice.TIE ? "a tie" : d.chosen().name()));
        you.getStyleClass().add(Styles.TEXT_BOLD);
        String others = d.others().stream().filter(v -> v.verdict() != null)
                .map(v -> v.labeler().name() + " " + (v.verdict().choice() == Choice.TIE ? "tie"
                        : v.verdict().choice().name()))
                .reduce((a, b) -> a + ", " + b).orElse("no other verdicts");
        Label said = new Label("The others said: " + others);
        said.getStyleClass().add(Styles.TEXT_MUTED);
        said.setWrapText(true);
        HBox row = new HBox(10, new FontIcon(Feather.CORNER_DOWN_LEFT), you, said);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("last-decision");
        row.setId("review-last-decision");
        decision.getChildren().add(row);
    }

    private void editKeys() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Review keys");
        dialog.setHeaderText("Click a key, then press the key you want for that action.");
        dialog.initOwner(getScene().getWindow());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        Runnable[] refresh = new Runnable[1];
        List<Button> buttons = new java.util.ArrayList<>();
        int row = 0;
        for (ReviewAction a : ReviewAction.values()) {
            Button key = new Button();
            key.getStyleClass().add("review-key");
            key.setOnAction(e -> {
                key.setText("press a key…");
                key.setOnKeyPressed(k -> {
                    try {
                        vm.keys().rebind(a, k.getCode());
                    } catch (IllegalArgumentException bad) {
                        key.setText(bad.getMessage());
                    }
                    key.setOnKeyPressed(null);
                    refresh[0].run();
                    k.consume();
                });
            });
            buttons.add(key);
            grid.addRow(row++, new Label(a.label()), key);
        }
        refresh[0] = () -> {
            int i = 0;
            for (ReviewAction a : ReviewAction.values()) {
                buttons.get(i++).setText(KeyMap.display(vm.keys().keyFor(a)));
            }
        };
        refresh[0].run();
        Button reset = new Button("Default keys");
        reset.setOnAction(e -> {
            vm.keys().reset();
            refresh[0].run();
        });
        grid.add(reset, 0, row, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.showAndWait();
        requestFocus();
    }
}
