package org.rlaif.workbench.store;

import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * One row of the pairs table: short previews of the texts (never the whole texts), and what every labeler says.
 *
 * @param verdicts     labeler id to that labeler's verdict on the pair
 * @param adjudication the adjudicated answer, or null
 */
public record PairRow(long id, Task task, Split split, String source, String contextPreview, String previewA,
                      String previewB, int lengthA, int lengthB, AgreementStatus status, Double confidence,
                      Double dispute, Map<Long, Verdict> verdicts, Choice adjudication) {

    public PairRow {
        verdicts = Map.copyOf(verdicts);
    }

    /**
     * A labeler's verdict over its samples in force.
     *
     * @param probabilityA mean stated P(A), else the share of its votes for A
     * @param samples      how many verdicts stand behind it
     */
    public record Verdict(Choice choice, double probabilityA, int samples) {
    }
}
