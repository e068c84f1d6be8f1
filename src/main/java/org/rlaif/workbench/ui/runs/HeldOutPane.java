package org.rlaif.workbench.ui.runs;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.ui.common.IntervalBarChart;

/**
 * The held-out agreement with humans of the picked reward models, side by side with 95% intervals: the RLAIF
 * paper's comparison of a model trained on AI labels with one trained on human labels, on the same held-out pairs.
 */
final class HeldOutPane extends VBox {
    private final IntervalBarChart bars = new IntervalBarChart();
    private final Label guide = new Label();
    private final RunsViewModel vm;

    HeldOutPane(RunsViewModel vm) {
        super(8);
        setId("runs-held-out");
        setPadding(new Insets(12));
        Label title = new Label("Held-out agreement with humans");
        title.getStyleClass().add(Styles.TITLE_4);
        guide.setWrapText(true);
        guide.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        getChildren().addAll(title, guide, bars);
        this.vm = vm;
        vm.heldOut().addListener((ListChangeListener<RunRow>) c -> show(vm.heldOut()));
        show(vm.heldOut());
    }

    private void show(List<RunRow> rows) {
        List<IntervalBarChart.Bar> list = new ArrayList<>();
        for (RunRow r : rows) {
            HeldOutAgreement h = r.heldOut();
            list.add(new IntervalBarChart.Bar("#" + r.id() + " " + r.labelSource(), vm.isHumanSource(r.labelSource()),
                    h.agreement(), h.ci95().lo(), h.ci95().hi(), h.pairs()));
        }
        bars.show(list, null, "", null);
        guide.setText(rows.isEmpty()
                ? "Pick finished reward-model runs above (ctrl-click for several) to compare how often each agrees"
                        + " with the human verdict on the pairs it never trained on; \"RLAIF vs RLHF\" trains such a"
                        + " pair of runs."
                : "Share of held-out pairs where the model's higher reward is the human's choice (a tie counts"
                        + " half), with a seeded bootstrap 95% interval. Green: trained on human labels.");
    }
}
