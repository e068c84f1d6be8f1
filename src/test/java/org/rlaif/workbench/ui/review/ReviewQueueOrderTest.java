package org.rlaif.workbench.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.DisputedPair;
import org.rlaif.workbench.metrics.ReportOptions;
import org.rlaif.workbench.store.LabelTableLoader;
import org.rlaif.workbench.store.PairCursor;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.TestProjects;

/**
 * The review queue is ranked in SQL (so it is ready at a million pairs without reading every label) and must be
 * the metrics' ranking: the same pairs, in the order of {@code PairVerdicts.disputed}.
 */
class ReviewQueueOrderTest {
    @TempDir
    Path dir;

    @Test
    void theQueueIsTheMetricsRanking() throws Exception {
        try (ProjectStore store = ProjectStore.open(TestProjects.copy(dir, 600, 6))) {
            List<DisputedPair> metrics = AlignmentReport.compute(new LabelTableLoader().load(store),
                    ReportOptions.defaults().withResamples(0)).verdicts().disputed(100_000);
            List<PairCursor> queue = store.read(c -> new PairQuery().page(c, PairFilter.ALL, PairOrder.DISPUTE, null, 0,
                    100_000));
            assertThat(queue).extracting(PairCursor::id)
                    .containsExactlyInAnyOrderElementsOf(metrics.stream().map(DisputedPair::pairId).toList());
            for (PairCursor k : queue) {
                // the metrics keep scores as floats: equal to that precision
                assertThat(k.dispute()).as("score of pair %d", k.id())
                        .isCloseTo(metricsScore(metrics, k.id()), org.assertj.core.data.Offset.offset(1e-5));
            }
            List<Long> metricsOrder = metrics.stream().map(DisputedPair::pairId).toList();
            List<Long> queueOrder = queue.stream().map(PairCursor::id).toList();
            assertThat(queueOrder.subList(0, 50)).isEqualTo(metricsOrder.subList(0, 50));
        }
    }

    private static double metricsScore(List<DisputedPair> metrics, long pairId) {
        return metrics.stream().filter(d -> d.pairId() == pairId).findFirst().orElseThrow().score();
    }
}
