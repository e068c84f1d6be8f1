package org.rlaif.workbench.ui.review;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One thing the annotator did, which undo takes back. Undo never deletes: it writes new rows that put back what
 * was in force before (the earlier verdict again, or a RETRACTED row when there was none).
 */
sealed interface ReviewStep {
    long pairId();

    /** Writes the rows that take this step back, inside the caller's transaction. */
    void undo(ProjectStore store, Connection c, String annotator) throws SQLException;

    /** A verdict, with the label row it wrote (and the one it replaced), and the same for the adjudication. */
    record Verdict(long pairId, Label written, Label replaced, Adjudication adjudicationWritten,
                   Adjudication adjudicationReplaced) implements ReviewStep {
        @Override
        public void undo(ProjectStore store, Connection c, String annotator) throws SQLException {
            Instant now = Instant.now();
            Label back = replaced == null
                    ? new Label(0, pairId, written.labelerId(), written.sampleIndex(), LabelStatus.RETRACTED, null,
                    null, "undone in review", written.orderShown(), now, written.id(), null, null)
                    : new Label(0, pairId, replaced.labelerId(), replaced.sampleIndex(), replaced.status(),
                    replaced.choice(), replaced.probabilityA(), replaced.rationale(), replaced.orderShown(), now,
                    written.id(), replaced.prompt(), replaced.rawAnswer());
            store.labels().append(c, back);
            if (adjudicationWritten != null) {
                store.adjudications().append(c, adjudicationReplaced == null
                        ? new Adjudication(0, pairId, null, annotator, "undone in review", now, adjudicationWritten.id())
                        : new Adjudication(0, pairId, adjudicationReplaced.choice(), adjudicationReplaced.decidedBy(),
                        adjudicationReplaced.note(), now, adjudicationWritten.id()));
            }
        }
    }

    /** A skip: nothing was written; undo brings the pair back. */
    record Skip(long pairId) implements ReviewStep {
        @Override
        public void undo(ProjectStore store, Connection c, String annotator) {
            // nothing to take back in the project
        }
    }
}
