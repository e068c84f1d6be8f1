package org.rlaif.workbench.ui.compare;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.ui.common.ScreenKeys;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.WindowLayout;

/**
 * The compare screen: the context on top, responses A and B side by side with their word-level differences,
 * and under them every verdict, the adjudication and the label history. J / → next pair, K / ← previous.
 */
public final class CompareView extends BorderPane {
    private final CompareViewModel vm;
    private final Settings settings;
    private final Label pairTitle = new Label();
    private final Label position = new Label();
    private final TextFlow context = new TextFlow();
    private final Label contextInfo = new Label();
    private final DiffText textA = new DiffText("diff-highlight-removed");
    private final DiffText textB = new DiffText("diff-highlight-added");
    private final Label infoA = new Label();
    private final Label infoB = new Label();
    private final Label votesA = new Label();
    private final Label votesB = new Label();
    private final Label similarity = new Label();
    private final VerdictStrip strip = new VerdictStrip();
    private final VBox adjudicationBox = new VBox(8);
    private final TableView<PairDetails.HistoryLine> history = new TableView<>();
    private final TitledPane historyPane = new TitledPane();

    public CompareView(CompareViewModel vm, Settings settings) {
        this.vm = vm;
        this.settings = settings;
        getStyleClass().addAll("screen", "compare-screen");
        setTop(header());
        SplitPane vertical = new SplitPane(texts(), bottom());
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.64);
        vertical.setPadding(new Insets(0, 20, 14, 20));
        vertical.getStyleClass().add(Styles.DENSE);
        setCenter(vertical);
        WindowLayout.rememberDividers(vertical, "compare.vertical", settings);
        vm.detailsProperty().addListener((o, was, d) -> show(d));
        vm.highlightProperty().addListener((o, was, on) -> {
            textA.setHighlighting(on);
            textB.setHighlighting(on);
        });
        show(vm.detailsProperty().get());
        vm.activeProperty().bind(sceneProperty().isNotNull());
        // J and K work as soon as the screen shows, wherever the focus was before
        ScreenKeys.install(this, key -> {
            if (key == KeyCode.J || key == KeyCode.RIGHT) {
                vm.next();
                return true;
            }
            if (key == KeyCode.K || key == KeyCode.LEFT) {
                vm.previous();
                return true;
            }
            return false;
        });
    }

    private HBox header() {
        Label title = new Label("Compare");
        title.getStyleClass().add(Styles.TITLE_2);
        pairTitle.getStyleClass().add(Styles.TEXT_MUTED);
        pairTitle.setId("compare-pair");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToggleSwitch highlight = new ToggleSwitch("Highlight differences");
        highlight.selectedProperty().bindBidirectional(vm.highlightProperty());
        similarity.getStyleClass().add(Styles.TEXT_MUTED);
        position.getStyleClass().add(Styles.TEXT_MUTED);
        position.setId("compare-position");
        position.textProperty().bind(vm.positionProperty());
        Button prev = new Button(null, new FontIcon(Feather.CHEVRON_LEFT));
        prev.setTooltip(new Tooltip("Previous pair in the listing (K or ←)"));
        prev.setOnAction(e -> vm.previous());
        prev.getStyleClass().add(Styles.LEFT_PILL);
        prev.setId("compare-previous");
        Button next = new Button(null, new FontIcon(Feather.CHEVRON_RIGHT));
        next.setTooltip(new Tooltip("Next pair in the listing (J or →)"));
        next.setOnAction(e -> vm.next());
        next.getStyleClass().add(Styles.RIGHT_PILL);
        next.setId("compare-next");
        HBox nav = new HBox(prev, next);
        HBox box = new HBox(12, title, busy, pairTitle, grow, similarity, highlight, position, nav);
        box.getStyleClass().add("screen-header");
        return box;
    }

    private SplitPane texts() {
        Label contextTitle = new Label("CONTEXT");
        contextTitle.getStyleClass().add("section-title");
        contextInfo.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox contextHead = new HBox(10, contextTitle, contextInfo);
        contextHead.setAlignment(Pos.CENTER_LEFT);
        context.getStyleClass().add("context-text");
        context.setId("compare-context");
        ScrollPane contextScroll = scroll(context);
        VBox contextPane = new VBox(6, contextHead, contextScroll);
        VBox.setVgrow(contextScroll, Priority.ALWAYS);
        contextPane.getStyleClass().add("context-pane");
        contextPane.setPadding(new Insets(10, 12, 10, 12));

        SplitPane responses = new SplitPane(responsePane("A", textA, infoA, votesA),
                responsePane("B", textB, infoB, votesB));
        responses.setDividerPositions(0.5);
        responses.getStyleClass().add(Styles.DENSE);
        WindowLayout.rememberDividers(responses, "compare.responses", settings);

        SplitPane top = new SplitPane(contextPane, responses);
        top.setOrientation(Orientation.VERTICAL);
        top.setDividerPositions(0.28);
        top.getStyleClass().add(Styles.DENSE);
        WindowLayout.rememberDividers(top, "compare.context", settings);
        return top;
    }

    private VBox responsePane(String letter, DiffText text, Label info, Label votes) {
        Label badge = new Label(letter);
        badge.getStyleClass().addAll("response-letter", letter.toLowerCase(Locale.ROOT));
        Label title = new Label("Response " + letter);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        info.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        votes.getStyleClass().add(Styles.TEXT_SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(10, badge, title, info, grow, votes);
        head.getStyleClass().add("response-header");
        text.setPadding(new Insets(10, 14, 10, 14));
        text.setId("compare-text-" + letter.toLowerCase(Locale.ROOT));
        ScrollPane body = scroll(text);
        VBox pane = new VBox(head, body);
        VBox.setVgrow(body, Priority.ALWAYS);
        pane.getStyleClass().add("response-pane");
        return pane;
    }

    private static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return s;
    }

    private ScrollPane bottom() {
        Label verdictsTitle = new Label("VERDICTS");
        verdictsTitle.getStyleClass().add("section-title");
        Label adjTitle = new Label("ADJUDICATION");
        adjTitle.getStyleClass().add("section-title");
        history.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        history.setId("compare-history");
        history.getColumns().setAll(List.of(
                column("When", 130, h -> VerdictStrip.TIME.format(h.label().createdAt())),
                column("Labeler", 140, PairDetails.HistoryLine::labeler),
                column("Sample", 60, h -> Integer.toString(h.label().sampleIndex())),
                column("Order", 60, h -> h.label().orderShown() == null ? "" : h.label().orderShown().name()),
                column("Verdict", 110, h -> h.label().status() == LabelStatus.OK
                        ? (h.label().choice() == Choice.TIE ? "tie" : h.label().choice().name())
                        + (h.label().probabilityA() == null ? "" : String.format(Locale.ROOT, "  P(A) %.2f",
                        h.label().probabilityA()))
                        : h.label().status().name().toLowerCase(Locale.ROOT)),
                column("Replaces", 80, h -> h.label().supersedes() == null ? "" : "#" + h.label().supersedes()),
                column("In force", 70, h -> h.inForce() ? "yes" : ""),
                column("Row", 70, h -> "#" + h.label().id())));
        history.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        history.setPrefHeight(180);
        historyPane.setContent(history);
        historyPane.setExpanded(false);
        historyPane.getStyleClass().add(Styles.DENSE);
        VBox content = new VBox(10, verdictsTitle, strip, adjTitle, adjudicationBox, historyPane);
        content.setPadding(new Insets(12, 4, 12, 4));
        ScrollPane s = scroll(content);
        s.getStyleClass().add("edge-to-edge");
        return s;
    }

    private static TableColumn<PairDetails.HistoryLine, String> column(String title, double width,
            java.util.function.Function<PairDetails.HistoryLine, String> value) {
        TableColumn<PairDetails.HistoryLine, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void show(PairDetails d) {
        if (d == null) {
            pairTitle.setText("No pair to show");
            context.getChildren().setAll(new Text(""));
            textA.show("", null, "diff-removed-text");
            textB.show("", null, "diff-added-text");
            strip.show(List.of(), l -> false);
            adjudicationBox.getChildren().clear();
            history.getItems().clear();
            return;
        }
        var p = d.pair();
        pairTitle.setText(String.format(Locale.ROOT, "Pair #%d  ·  %s  ·  %s  ·  %s", p.id(), p.task().key(),
                p.source(), p.split().key()));
        Text ctx = new Text(p.context());
        ctx.getStyleClass().add("diff-same-text");
        context.getChildren().setAll(ctx);
        contextInfo.setText(describeLength(p.context()));
        textA.show(p.responseA(), d.diff().a(), "diff-removed-text");
        textB.show(p.responseB(), d.diff().b(), "diff-added-text");
        infoA.setText(describeLength(p.responseA()));
        infoB.setText(describeLength(p.responseB()));
        long forA = d.verdicts().stream().filter(v -> v.verdict() != null && v.verdict().choice() == Choice.A).count();
        long forB = d.verdicts().stream().filter(v -> v.verdict() != null && v.verdict().choice() == Choice.B).count();
        votesA.setText(forA == 0 ? "" : "preferred by " + forA);
        votesB.setText(forB == 0 ? "" : "preferred by " + forB);
        similarity.setText(d.diff().aligned()
                ? String.format(Locale.ROOT, "%.0f%% of words shared", 100 * d.diff().similarity())
                : "too different to align word by word");
        strip.show(d.verdicts(), l -> false);
        showAdjudication(d);
        history.getItems().setAll(d.history());
        historyPane.setText("Label history (" + d.history().size() + " rows, newest wins; nothing is ever deleted)");
    }

    static String describeLength(String s) {
        int chars = s.codePointCount(0, s.length());
        int words = s.isBlank() ? 0 : s.strip().split("\\s+").length;
        return String.format(Locale.ROOT, "%,d characters · %,d words", chars, words);
    }

    private void showAdjudication(PairDetails d) {
        adjudicationBox.getChildren().clear();
        Adjudication a = d.adjudication();
        Label state = new Label(a == null ? "Not adjudicated."
                : "Adjudicated: " + (a.choice() == Choice.TIE ? "tie" : a.choice().name()) + " — by " + a.decidedBy()
                + ", " + VerdictStrip.TIME.format(a.createdAt()) + (a.note() == null ? "" : " — “" + a.note() + "”"));
        state.setWrapText(true);
        if (a != null) {
            state.getStyleClass().add(VerdictStrip.styleOf(a.choice()));
        }
        TextField note = new TextField();
        note.setPromptText("Note (optional)");
        note.setPrefColumnCount(24);
        Supplier<String> who = () -> settings.annotatorProperty().get();
        Button chooseA = new Button("A is better");
        chooseA.setOnAction(e -> vm.adjudicate(Choice.A, note.getText(), who.get()));
        Button chooseB = new Button("B is better");
        chooseB.setOnAction(e -> vm.adjudicate(Choice.B, note.getText(), who.get()));
        Button tie = new Button("Tie");
        tie.setOnAction(e -> vm.adjudicate(Choice.TIE, note.getText(), who.get()));
        chooseA.getStyleClass().add(Styles.LEFT_PILL);
        tie.getStyleClass().add(Styles.CENTER_PILL);
        chooseB.getStyleClass().add(Styles.RIGHT_PILL);
        chooseA.setId("adjudicate-a");
        chooseB.setId("adjudicate-b");
        HBox buttons = new HBox(chooseA, tie, chooseB);
        HBox row = new HBox(10, buttons, note);
        row.setAlignment(Pos.CENTER_LEFT);
        if (a != null) {
            Button withdraw = new Button("Withdraw", new FontIcon(Feather.X));
            withdraw.getStyleClass().add(Styles.FLAT);
            withdraw.setOnAction(e -> vm.withdrawAdjudication(who.get()));
            row.getChildren().add(withdraw);
        }
        Label as = new Label("as " + who.get());
        as.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        row.getChildren().add(as);
        adjudicationBox.getChildren().addAll(state, row);
        StackPane.setAlignment(row, Pos.CENTER_LEFT);
    }
}
