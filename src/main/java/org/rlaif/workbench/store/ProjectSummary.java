package org.rlaif.workbench.store;

import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Labeler;

/**
 * What a project holds, in counts: the {@code info} command and the start screen show this.
 *
 * @param pairs     number of comparisons
 * @param labelers  each labeler with its counts of labels in force
 * @param tasks     pairs per task
 * @param splits    pairs per split
 * @param sources   pairs per source
 * @param adjudicated pairs with an adjudication in force
 */
public record ProjectSummary(long pairs, List<LabelerSummary> labelers, Map<String, Long> tasks,
                             Map<String, Long> splits, Map<String, Long> sources, long adjudicated) {

    /** A labeler and how much of the project it has labeled. */
    public record LabelerSummary(Labeler labeler, long pairs, long labels, long failed) {
    }
}
