package org.rlaif.workbench.ui.compare;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.PairRow;

/**
 * Every labeler's verdict on a pair, side by side: kind, verdict, a P(A) bar, how many samples, and the rationales
 * on demand. Shared by the compare screen and the review queue (which can hide the AI cards until the annotator
 * has chosen).
 */
public final class VerdictStrip extends FlowPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public VerdictStrip() {
        super(10, 10);
        getStyleClass().add("verdict-strip");
        setId("verdict-strip");
    }

    /** Shows the verdicts; those {@code hidden} selects are shown face down. */
    public void show(List<PairDetails.LabelerVerdicts> verdicts, Predicate<Labeler> hidden) {
        getChildren().clear();
        if (verdicts.isEmpty()) {
            Label none = new Label("No labeler has judged this pair yet.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(none);
            return;
        }
        for (PairDetails.LabelerVerdicts v : verdicts) {
            getChildren().add(hidden.test(v.labeler()) ? hiddenCard(v.labeler()) : card(v));
        }
    }

    private VBox card(PairDetails.LabelerVerdicts v) {
        Labeler l = v.labeler();
        VBox card = new VBox(header(l));
        card.getStyleClass().add("verdict-card");
        PairRow.Verdict verdict = v.verdict();
        if (verdict != null) {
            Label choice = new Label(verdict.choice() == Choice.TIE ? "Tie" : "Prefers " + verdict.choice().name());
            choice.getStyleClass().addAll(styleOf(verdict.choice()), Styles.TITLE_4);
            boolean stated = v.labels().stream().anyMatch(x -> x.probabilityA() != null);
            // a stated probability, or the share of votes for A when the labeler gave several hard verdicts
            Label p = new Label(stated ? String.format(Locale.ROOT, "P(A) %.2f", verdict.probabilityA())
                    : verdict.samples() > 1 ? String.format(Locale.ROOT, "%.0f%% for A", 100 * verdict.probabilityA())
                    : "");
            p.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            HBox line = new HBox(8, choice, p);
            line.setAlignment(Pos.BASELINE_LEFT);
            card.getChildren().addAll(line, probabilityBar(verdict.probabilityA()));
        } else {
            Label none = new Label("No verdict");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            card.getChildren().add(none);
        }
        List<org.rlaif.workbench.domain.Label> ok = v.labels().stream().filter(x -> x.status() == LabelStatus.OK)
                .toList();
        String samples = ok.size() <= 1 ? ""
                : ok.size() + " verdicts: " + ok.stream().map(x -> x.choice() == Choice.TIE ? "T" : x.choice().name()
                + (x.orderShown() == null ? "" : "·" + x.orderShown().name())).collect(Collectors.joining(" "));
        if (v.failed() > 0) {
            samples += (samples.isEmpty() ? "" : ", ") + v.failed() + " failed";
        }
        if (!samples.isEmpty()) {
            Label s = new Label(samples);
            s.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            card.getChildren().add(s);
        }
        String rationale = v.labels().stream().map(x -> x.rationale() != null ? x.rationale()
                : x.status() == LabelStatus.FAILED ? "(failed) " + x.rawAnswer() : null)
                .filter(x -> x != null && !x.isBlank()).collect(Collectors.joining("\n\n"));
        if (!rationale.isEmpty()) {
            Label text = new Label(rationale);
            text.setWrapText(true);
            text.setMaxWidth(360);
            text.getStyleClass().addAll(Styles.TEXT_SMALL, "rationale");
            text.setVisible(false);
            text.setManaged(false);
            Button toggle = new Button("Rationale", new FontIcon(Feather.MESSAGE_SQUARE));
            toggle.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            toggle.setOnAction(e -> {
                boolean show = !text.isVisible();
                text.setVisible(show);
                text.setManaged(show);
                toggle.setText(show ? "Hide rationale" : "Rationale");
            });
            card.getChildren().addAll(toggle, text);
        }
        return card;
    }

    private VBox hiddenCard(Labeler l) {
        Label hidden = new Label("Hidden until you choose", new FontIcon(Feather.EYE_OFF));
        hidden.getStyleClass().add(Styles.TEXT_MUTED);
        VBox card = new VBox(header(l), hidden);
        card.getStyleClass().addAll("verdict-card", "hidden-verdict");
        return card;
    }

    private static HBox header(Labeler l) {
        Label name = new Label(l.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label kind = new Label(l.isHuman() ? "human" : l.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        kind.getStyleClass().addAll("kind-chip", l.isHuman() ? "human" : "ai");
        if (l.params() != null) {
            kind.setText(kind.getText() + " · " + org.rlaif.workbench.ui.common.ModelSize.format(l.params()));
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox h = new HBox(8, name, grow, kind);
        h.setAlignment(Pos.CENTER_LEFT);
        if (l.modelId() != null) {
            Tooltip.install(h, new Tooltip(l.modelId() + (l.technique() == null ? "" : ", " + l.technique())));
        }
        return h;
    }

    /** A bar split at P(A): the A part in A's colour, the rest in B's. */
    static HBox probabilityBar(double pA) {
        Region a = new Region();
        a.getStyleClass().add("a-part");
        Region b = new Region();
        b.getStyleClass().add("b-part");
        HBox bar = new HBox(a, b);
        bar.getStyleClass().add("probability-bar");
        bar.setPrefWidth(160);
        a.prefWidthProperty().bind(bar.widthProperty().multiply(pA));
        b.prefWidthProperty().bind(bar.widthProperty().multiply(1 - pA));
        a.setMinWidth(0);
        b.setMinWidth(0);
        Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "P(A) = %.3f, P(B) = %.3f", pA, 1 - pA)));
        return bar;
    }

    static String styleOf(Choice c) {
        return switch (c) {
            case A -> "verdict-a";
            case B -> "verdict-b";
            case TIE -> "verdict-tie";
        };
    }
}
