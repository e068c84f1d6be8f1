package org.rlaif.workbench.ui.compare;

import java.util.List;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.PairRow;

/**
 * Everything the compare screen shows about one pair, read in one go off the JavaFX thread.
 *
 * @param verdicts     one entry per labeler that has any label in force on the pair (verdict or failure)
 * @param history      every label row ever written for the pair, oldest first
 * @param adjudication the adjudication in force, or null
 */
public record PairDetails(Comparison pair, List<LabelerVerdicts> verdicts, List<HistoryLine> history,
                          Adjudication adjudication, List<Adjudication> adjudications, WordDiff.Result diff) {

    public PairDetails {
        verdicts = List.copyOf(verdicts);
        history = List.copyOf(history);
        adjudications = List.copyOf(adjudications);
    }

    /**
     * A labeler on this pair: its summary verdict (null when it has only failed or retracted labels) and the
     * label rows in force behind it (samples and orders), rationales included.
     */
    public record LabelerVerdicts(Labeler labeler, PairRow.Verdict verdict, List<Label> labels) {
        public LabelerVerdicts {
            labels = List.copyOf(labels);
        }

        public long failed() {
            return labels.stream().filter(l -> l.status() == org.rlaif.workbench.domain.LabelStatus.FAILED).count();
        }
    }

    /** One row of the label history, with who wrote it and whether it is still in force. */
    public record HistoryLine(Label label, String labeler, boolean inForce) {
    }
}
