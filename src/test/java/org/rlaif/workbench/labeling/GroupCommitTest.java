package org.rlaif.workbench.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rlaif.workbench.labeling.LabelingFixtures.allRows;
import static org.rlaif.workbench.labeling.LabelingFixtures.labeler;
import static org.rlaif.workbench.labeling.LabelingFixtures.project;
import static org.rlaif.workbench.labeling.LabelingFixtures.run;
import static org.rlaif.workbench.labeling.LabelingFixtures.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;

/**
 * The promises of the group-committing writer: a label counted as done is committed, labels show up while the run
 * goes on, and a slot gets one label even when two runs of one labeler race for it (which also takes the writer off
 * its fast path, where it skips the slot query). Killing a run is tested with a real process in
 * {@code cli.LabelRunProcessesTest}.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    private static long labelRows(ProjectStore store, long labelerId) {
        return store.read(c -> {
            try (var ps = c.prepareStatement("SELECT count(*) FROM label WHERE labeler_id = ?")) {
                ps.setLong(1, labelerId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void everyLabelReportedDoneIsAlreadyCommittedAndLabelsShowWhileTheRunGoesOn() {
        int pairs = 600;
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(20).logprobs(0.9, 0.2));
             ProjectStore store = project(dir.resolve("p.rlaif"), pairs, Task.OTHER)) {
            Labeler l = labeler(store, server, "grouped", Technique.BASE,
                    settings(m -> { m.put("concurrency", 32); return m; }));
            List<long[]> seen = new CopyOnWriteArrayList<>(); // {reported done, committed rows} at each report
            LabelingReport r = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofSeconds(5),
                    new RunControl(), p -> seen.add(new long[] {p.done(), labelRows(store, l.id())}), null);
            assertThat(r.state()).isEqualTo(RunState.FINISHED);
            assertThat(r.progress().labeled()).isEqualTo(pairs);
            assertThat(seen).allSatisfy(s -> assertThat(s[1]).as("committed rows when %d were reported done", s[0])
                    .isGreaterThanOrEqualTo(s[0]));
            assertThat(seen).as("a report while labels were arriving").anySatisfy(s ->
                    assertThat(s[1]).isBetween(1L, pairs - 1L));
            assertThat(labelRows(store, l.id())).isEqualTo(pairs);
        }
    }

    @Test
    void twoRunsOfOneLabelerAtOnceWriteEachSlotOnce() throws Exception {
        int pairs = 300;
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(3));
             ProjectStore store = project(dir.resolve("p.rlaif"), pairs, Task.OTHER);
             ExecutorService two = Executors.newFixedThreadPool(2)) {
            Labeler l = labeler(store, server, "twice", Technique.BASE,
                    settings(m -> { m.put("concurrency", 16); m.put("orders", "both"); return m; }));
            List<Future<LabelingReport>> runs = List.of(
                    two.submit(() -> run(store, l, server)), two.submit(() -> run(store, l, server)));
            LabelingReport a = runs.get(0).get();
            LabelingReport b = runs.get(1).get();
            assertThat(a.state()).isEqualTo(RunState.FINISHED);
            assertThat(b.state()).isEqualTo(RunState.FINISHED);
            // between them they labeled every asked slot once; what one found done the other had written
            assertThat(a.progress().labeled() + b.progress().labeled()).isEqualTo(2L * pairs);
            assertThat(a.progress().skipped() + b.progress().skipped()).isEqualTo(2L * pairs);
            Map<String, Integer> perSlot = new HashMap<>();
            for (Label x : allRows(store, l.id())) {
                perSlot.merge(x.comparisonId() + "/" + x.sampleIndex() + "/" + x.orderShown(), 1, Integer::sum);
            }
            assertThat(perSlot).hasSize(3 * pairs); // AB, BA and the combined label of every pair
            assertThat(perSlot.values()).allMatch(n -> n == 1);
        }
    }
}
