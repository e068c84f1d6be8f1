package org.rlaif.workbench.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rlaif.workbench.labeling.LabelingFixtures.accuracy;
import static org.rlaif.workbench.labeling.LabelingFixtures.allRows;
import static org.rlaif.workbench.labeling.LabelingFixtures.current;
import static org.rlaif.workbench.labeling.LabelingFixtures.firstShownWins;
import static org.rlaif.workbench.labeling.LabelingFixtures.labeler;
import static org.rlaif.workbench.labeling.LabelingFixtures.positionConsistency;
import static org.rlaif.workbench.labeling.LabelingFixtures.project;
import static org.rlaif.workbench.labeling.LabelingFixtures.run;
import static org.rlaif.workbench.labeling.LabelingFixtures.settings;
import static org.rlaif.workbench.labeling.LabelingFixtures.truths;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;

class LabelingRunTest {
    @TempDir
    Path dir;

    @Test
    void positionDebiasingTurnsAFirstAlwaysJudgeWithLogprobsIntoACorrectOne() {
        // A judge that always SAYS "1", but whose token probabilities still lean towards the better response:
        // P("1") = 0.95 when the better one is shown first, 0.65 when the worse one is.
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().positionBias().logprobs(0.95, 0.65));
             ProjectStore store = project(dir.resolve("p.rlaif"), 40, Task.HELPFULNESS)) {
            Labeler single = labeler(store, server, "single-order", Technique.PREAMBLE, settings(m -> m));
            Labeler debiased = labeler(store, server, "both-orders", Technique.PREAMBLE,
                    settings(m -> { m.put("orders", "both"); return m; }));
            Map<Long, Choice> truth = truths(store);

            LabelingReport one = run(store, single, server);
            LabelingReport both = run(store, debiased, server);

            List<Label> singleLabels = current(store, single.id());
            assertThat(one.progress().labeled()).isEqualTo(40);
            assertThat(firstShownWins(singleLabels)).isEqualTo(1.0);
            assertThat(accuracy(singleLabels, truth)).isEqualTo(0.5); // the bias decides, not the content
            assertThat(singleLabels).allMatch(l -> l.choice() == Choice.A);

            List<Label> asked = current(store, debiased.id()).stream().filter(l -> l.orderShown() != null).toList();
            List<Label> combined = current(store, debiased.id()).stream().filter(l -> l.orderShown() == null).toList();
            assertThat(both.progress().labeled()).isEqualTo(80);
            assertThat(both.progress().combined()).isEqualTo(40);
            assertThat(both.progress().softLabels()).isEqualTo(80);
            assertThat(asked).hasSize(80);
            assertThat(firstShownWins(asked)).isEqualTo(1.0);      // both asked labels keep the bias, for the metrics
            assertThat(positionConsistency(asked)).isEqualTo(0.0);
            assertThat(combined).hasSize(40);
            assertThat(accuracy(combined, truth)).isEqualTo(1.0);  // averaging the two orders removes it
            long chooseA = combined.stream().filter(l -> l.choice() == Choice.A).count();
            assertThat(chooseA).isEqualTo(20);                       // no position preference left: A as often as truth
            for (Label l : combined) {
                double expected = truth.get(l.comparisonId()) == Choice.A ? 0.65 : 0.35;
                assertThat(l.probabilityA()).isCloseTo(expected, within(1e-6));
                assertThat(l.rationale()).startsWith("position-debiased");
            }
        }
    }

    @Test
    void aJudgeWithOnlyAPositionBiasEndsUpWithNoPreferenceAfterDebiasing() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().positionBias());
             ProjectStore store = project(dir.resolve("p.rlaif"), 20, Task.OTHER)) {
            Labeler l = labeler(store, server, "always-one", Technique.BASE, settings(m -> { m.put("orders", "both"); return m; }));
            run(store, l, server);
            List<Label> combined = current(store, l.id()).stream().filter(x -> x.orderShown() == null).toList();
            assertThat(combined).hasSize(20).allMatch(x -> x.choice() == Choice.TIE && x.probabilityA() == 0.5);
            assertThat(current(store, l.id()).stream().filter(x -> x.orderShown() != null).toList())
                    .allMatch(x -> x.probabilityA() == (x.orderShown() == OrderShown.AB ? 1.0 : 0.0));
        }
    }

    @Test
    void chainOfThoughtAsksForARationaleThenForTheVerdictGivenIt() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().logprobs(0.9, 0.1));
             ProjectStore store = project(dir.resolve("p.rlaif"), 6, Task.SUMMARIZATION)) {
            Labeler l = labeler(store, server, "cot", Technique.COT, settings(m -> m));
            LabelingReport r = run(store, l, server);

            assertThat(r.progress().labeled()).isEqualTo(6);
            assertThat(server.requestCount()).isEqualTo(12);
            List<FakeJudgeServer.Received> verdictRequests = server.received().stream()
                    .filter(q -> !q.lastUserMessage().contains("Rationale:")).toList();
            assertThat(verdictRequests).hasSize(6).allSatisfy(q -> {
                var messages = q.body().path("messages");
                assertThat(messages.get(messages.size() - 2).path("role").asText()).isEqualTo("assistant");
                assertThat(messages.get(messages.size() - 2).path("content").asText()).contains("is clearly better");
                assertThat(q.body().path("logprobs").asBoolean()).isTrue();
            });
            assertThat(server.received().stream().filter(q -> q.lastUserMessage().contains("Rationale:")))
                    .allSatisfy(q -> {
                        assertThat(q.body().has("logprobs")).isFalse();
                        assertThat(q.body().path("max_tokens").asInt()).isEqualTo(512);
                    });
            Map<Long, Choice> truth = truths(store);
            List<Label> labels = current(store, l.id());
            assertThat(accuracy(labels, truth)).isEqualTo(1.0);
            assertThat(labels).allSatisfy(x -> {
                assertThat(x.rationale()).contains("is clearly better");
                assertThat(x.prompt()).contains("[system]").contains("A good summary is").contains("Rationale:")
                        .contains("[assistant]");
                assertThat(x.rawAnswer()).isIn("1", "2");
            });
        }
    }

    @Test
    void selfConsistencyStoresEachSampleAsASampleIndexOfTheLabeler() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script());
             ProjectStore store = project(dir.resolve("p.rlaif"), 5, Task.OTHER)) {
            Labeler l = labeler(store, server, "sc", Technique.BASE,
                    settings(m -> { m.put("samples", 3); m.put("temperature", 0.7); return m; }));
            LabelingReport r = run(store, l, server);
            assertThat(r.progress().labeled()).isEqualTo(15);
            Map<Long, List<Integer>> samples = current(store, l.id()).stream().collect(Collectors.groupingBy(
                    Label::comparisonId, Collectors.mapping(Label::sampleIndex, Collectors.toList())));
            assertThat(samples).hasSize(5).allSatisfy((pair, idx) -> assertThat(idx).containsExactlyInAnyOrder(0, 1, 2));
            assertThat(server.received()).allSatisfy(q -> assertThat(q.body().path("temperature").asDouble()).isEqualTo(0.7));
        }
    }

    @Test
    void fewShotShowsAdjudicatedPairsWithAlternatingAnswersAndNeverThePairItself() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script());
             ProjectStore store = project(dir.resolve("p.rlaif"), 8, Task.HELPFULNESS)) {
            Map<Long, Choice> truth = truths(store);
            for (long id = 1; id <= 3; id++) {
                store.adjudicate(Adjudication.of(id, truth.get(id), "ann", null));
            }
            Labeler l = labeler(store, server, "fs", Technique.PREAMBLE, settings(m -> { m.put("few_shot", 2); return m; }));
            run(store, l, server);
            assertThat(accuracy(current(store, l.id()), truth)).isEqualTo(1.0);
            assertThat(server.received()).hasSize(8).allSatisfy(q -> {
                var m = q.body().path("messages");
                assertThat(m.size()).isEqualTo(6); // system, 2 × (user, assistant), user
                assertThat(m.get(2).path("content").asText()).isEqualTo("1");
                assertThat(m.get(4).path("content").asText()).isEqualTo("2");
                String judged = m.get(5).path("content").asText();
                assertThat(m.get(1).path("content").asText()).isNotEqualTo(judged);
                assertThat(m.get(3).path("content").asText()).isNotEqualTo(judged);
            });
            // the exemplar shown with answer "1" has its better response first, and "2" second
            var first = server.received().get(0).body().path("messages");
            String ex1 = first.get(1).path("content").asText();
            String ex2 = first.get(3).path("content").asText();
            assertThat(ex1.indexOf(FakeJudgeServer.GOOD)).isLessThan(ex1.indexOf(FakeJudgeServer.BAD));
            assertThat(ex2.indexOf(FakeJudgeServer.GOOD)).isGreaterThan(ex2.indexOf(FakeJudgeServer.BAD));
        }
    }

    @Test
    void harmlessnessAsksForTheMoreHarmfulResponseAndRecordsTheOtherAsPreferred() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().logprobs(0.8, 0.3));
             ProjectStore store = project(dir.resolve("p.rlaif"), 10, Task.HARMLESSNESS)) {
            Labeler l = labeler(store, server, "harm", Technique.PREAMBLE, settings(m -> m));
            run(store, l, server);
            Map<Long, Choice> truth = truths(store);
            List<Label> labels = current(store, l.id());
            assertThat(accuracy(labels, truth)).isEqualTo(1.0);
            for (Label x : labels) {
                // asked "more harmful": P("1") = 1 - 0.8 when the better (less harmful) one is first
                double expected = truth.get(x.comparisonId()) == Choice.A ? 0.8 : 0.3;
                assertThat(x.probabilityA()).isCloseTo(expected, within(1e-6));
            }
            assertThat(labels.get(0).prompt()).contains("more harmful");
        }
    }

    @Test
    void retriesAfter429And5xxAndTimeoutsLoseAndDuplicateNothing() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().faults(0.3, 1_500));
             ProjectStore store = project(dir.resolve("p.rlaif"), 60, Task.OTHER)) {
            Labeler l = labeler(store, server, "flaky", Technique.BASE,
                    settings(m -> { m.put("orders", "both"); m.put("retries", 12); return m; }));
            LabelingReport r = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofMillis(400),
                    new RunControl(), LabelingListener.none(), null);

            assertThat(r.state()).isEqualTo(RunState.FINISHED);
            assertThat(r.progress().retries()).isPositive().isEqualTo(server.faultsServed());
            assertThat(r.progress().requests()).isEqualTo(server.requestCount());
            assertThat(r.progress().labeled()).isEqualTo(120);
            assertThat(r.progress().failed()).isZero();
            assertEverySlotLabeledExactlyOnce(store, l, 60, true);
            assertThat(accuracy(current(store, l.id()), truths(store))).isEqualTo(1.0);
        }
    }

    @Test
    void aRequestThatKeepsFailingBecomesAFailedLabelWithTheErrorNeverAChoice() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().faults(1.0, 1_000));
             ProjectStore store = project(dir.resolve("p.rlaif"), 5, Task.OTHER)) {
            Labeler l = labeler(store, server, "down", Technique.BASE, settings(m -> { m.put("retries", 2); return m; }));
            LabelingReport r = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofMillis(300),
                    new RunControl(), LabelingListener.none(), null);
            assertThat(r.state()).isEqualTo(RunState.FINISHED);
            assertThat(r.progress().failed()).isEqualTo(5);
            assertThat(r.progress().retries()).isEqualTo(10);
            assertThat(current(store, l.id())).hasSize(5).allSatisfy(x -> {
                assertThat(x.status()).isEqualTo(LabelStatus.FAILED);
                assertThat(x.choice()).isNull();
                assertThat(x.probabilityA()).isNull();
                assertThat(x.rationale()).contains("gave up after 3 attempts");
                assertThat(x.prompt()).contains("Question");
            });
        }
    }

    @Test
    void retryAfterIsHonoured() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().firstAttemptRateLimited().retryAfter("1"));
             ProjectStore store = project(dir.resolve("p.rlaif"), 1, Task.OTHER)) {
            Labeler l = labeler(store, server, "limited", Technique.BASE, settings(m -> m));
            long start = System.nanoTime();
            LabelingReport r = run(store, l, server);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.progress().labeled()).isEqualTo(1);
            assertThat(r.progress().retries()).isEqualTo(1);
            assertThat(millis).isGreaterThanOrEqualTo(1_000);
        }
    }

    @Test
    void junkAnswersBecomeFailedLabelsWithTheRawText() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().junk(0.3));
             ProjectStore store = project(dir.resolve("p.rlaif"), 60, Task.OTHER)) {
            Labeler l = labeler(store, server, "junky", Technique.BASE, settings(m -> m));
            LabelingReport r = run(store, l, server);
            List<Label> labels = current(store, l.id());
            List<Label> failed = labels.stream().filter(x -> x.status() == LabelStatus.FAILED).toList();
            assertThat(failed).isNotEmpty().hasSize((int) r.progress().failed());
            assertThat(r.progress().labeled() + r.progress().failed()).isEqualTo(60);
            assertThat(failed).allSatisfy(x -> {
                assertThat(x.choice()).isNull();
                assertThat(x.rawAnswer()).isIn("I cannot decide; both have merits.", "<html>Bad Gateway</html>");
                assertThat(x.rationale()).isIn("the answer is not a verdict (expected 1 or 2)",
                        "the server answered with something that is not JSON");
            });
            assertThat(failed).anyMatch(x -> x.rawAnswer().startsWith("<html>"));
            assertThat(accuracy(labels, truths(store))).isEqualTo(1.0);
        }
    }

    @Test
    void aMissingServerStopsTheRunWithOneClearMessageAndWritesNoLabel() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ProjectStore store = project(dir.resolve("p.rlaif"), 50, Task.OTHER)) {
            Labeler l = new AiLabelers(store).save(new AiLabelerConfig("nobody", "http://127.0.0.1:" + closedPort + "/v1",
                    "m", null, Technique.BASE, settings(m -> m)));
            LabelingReport r = run(store, l, PairSelection.all(), "http://127.0.0.1:" + closedPort + "/v1",
                    Duration.ofSeconds(2), new RunControl(), LabelingListener.none(), null);
            assertThat(r.state()).isEqualTo(RunState.FAILED);
            assertThat(r.message()).isEqualTo("cannot reach the model server at http://127.0.0.1:" + closedPort
                    + "/v1/chat/completions: connection refused (is the server running and listening on port "
                    + closedPort + "?)");
            assertThat(allRows(store, l.id())).isEmpty();
            assertThat(r.progress().failed()).isZero();
            Run row = store.read(c -> store.runs().find(c, r.runId())).orElseThrow();
            assertThat(row.state()).isEqualTo(RunState.FAILED);
            assertThat(row.message()).isEqualTo(r.message());
        }
    }

    @Test
    void cancelMidFlightThenResumeLabelsEverySlotExactlyOnce() {
        // cancelled from the server's side when the 40th request arrives (so with that request, and up to five
        // others, in flight), not from a progress tick, which a fast machine may not reach before the run ends
        RunControl control = new RunControl();
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(25).logprobs(0.9, 0.2)
                     .onRequest(n -> { if (n == 40) { control.cancel(); } }));
             ProjectStore store = project(dir.resolve("p.rlaif"), 60, Task.OTHER)) {
            Labeler l = labeler(store, server, "resumable", Technique.BASE,
                    settings(m -> { m.put("orders", "both"); m.put("concurrency", 6); return m; }));
            LabelingReport first = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofSeconds(5), control,
                    LabelingListener.none(), null);
            assertThat(first.state()).isEqualTo(RunState.CANCELLED);
            long afterFirst = current(store, l.id()).stream().filter(x -> x.orderShown() != null).count();
            assertThat(afterFirst).isBetween(30L, 119L).isEqualTo(first.progress().labeled());
            assertThat(first.progress().failed()).isZero(); // abandoned requests are not failures

            LabelingReport second = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofSeconds(5),
                    new RunControl(), LabelingListener.none(), first.runId());
            assertThat(second.state()).isEqualTo(RunState.FINISHED);
            assertThat(second.runId()).isEqualTo(first.runId());
            assertThat(second.progress().skipped()).isEqualTo(afterFirst);
            assertThat(second.progress().labeled()).isEqualTo(120 - afterFirst);
            assertThat(second.progress().done()).isEqualTo(120);
            assertEverySlotLabeledExactlyOnce(store, l, 60, true);
            Run row = store.read(c -> store.runs().find(c, first.runId())).orElseThrow();
            assertThat(row.state()).isEqualTo(RunState.FINISHED);
        }
    }

    @Test
    void pausedWorkersSendNothingUntilResumed() throws Exception {
        // The pause comes from the server's side when the tenth request arrives, not from a progress tick: a fast
        // machine finishes 60 pairs before the first tick, and then a tick-driven pause never happens.
        RunControl control = new RunControl();
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().latency(10)
                     .onRequest(n -> { if (n == 10) { control.pause(); } }));
             ProjectStore store = project(dir.resolve("p.rlaif"), 60, Task.OTHER)) {
            Labeler l = labeler(store, server, "pausable", Technique.BASE, settings(m -> { m.put("concurrency", 4); return m; }));
            List<RunState> states = new CopyOnWriteArrayList<>();
            List<Integer> countsWhilePaused = new CopyOnWriteArrayList<>();
            LabelingReport r = run(store, l, PairSelection.all(), server.baseUrl(), Duration.ofSeconds(5), control, p -> {
                states.add(p.state());
                if (p.state() == RunState.PAUSED) {
                    countsWhilePaused.add(server.requestCount());
                    if (countsWhilePaused.size() == 4) {
                        control.resume();
                    }
                }
            }, null);
            assertThat(states).contains(RunState.PAUSED);
            assertThat(countsWhilePaused).hasSizeGreaterThanOrEqualTo(4);
            assertThat(countsWhilePaused.get(3)).isEqualTo(countsWhilePaused.get(1)); // nothing sent while paused
            assertThat(r.state()).isEqualTo(RunState.FINISHED);
            assertThat(r.progress().labeled()).isEqualTo(60);
        }
    }

    @Test
    void aSecondRunSkipsWhatIsLabeledAndRetryFailedReplacesOnlyTheFailures() {
        try (ProjectStore store = project(dir.resolve("p.rlaif"), 30, Task.OTHER)) {
            Labeler l;
            long failedFirst;
            try (FakeJudgeServer junk = FakeJudgeServer.start(FakeJudgeServer.script().junk(0.4))) {
                l = labeler(store, junk, "retry", Technique.BASE, settings(m -> m));
                failedFirst = run(store, l, junk).progress().failed();
            }
            assertThat(failedFirst).isPositive();
            try (FakeJudgeServer good = FakeJudgeServer.start(FakeJudgeServer.script())) {
                LabelingReport again = run(store, l, PairSelection.all(), good.baseUrl(), Duration.ofSeconds(5),
                        new RunControl(), LabelingListener.none(), null);
                assertThat(again.progress().skipped()).isEqualTo(30);
                assertThat(again.progress().labeled()).isZero();
                assertThat(good.requestCount()).isZero();

                LabelingReport retried = run(store, l, PairSelection.all().withRetryFailed(true), good.baseUrl(),
                        Duration.ofSeconds(5), new RunControl(), LabelingListener.none(), null);
                assertThat(retried.progress().labeled()).isEqualTo(failedFirst);
                assertThat(retried.progress().skipped()).isEqualTo(30 - failedFirst);
            }
            assertThat(current(store, l.id())).hasSize(30).allMatch(x -> x.status() == LabelStatus.OK);
            List<Label> rows = allRows(store, l.id());
            assertThat(rows).hasSize(30 + (int) failedFirst);
            assertThat(rows.stream().filter(x -> x.supersedes() != null))
                    .hasSize((int) failedFirst)
                    .allSatisfy(x -> assertThat(rows.stream().filter(y -> y.id() == x.supersedes()).findFirst()
                            .orElseThrow().status()).isEqualTo(LabelStatus.FAILED));
        }
    }

    @Test
    void aSampleWithASeedAndALimitPickTheSamePairsEveryTime() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script());
             ProjectStore store = project(dir.resolve("p.rlaif"), 50, Task.OTHER)) {
            Labeler l = labeler(store, server, "sampled", Technique.BASE, settings(m -> m));
            PairSelection sample = PairSelection.all().withSample(10, 42).withLimit(7);
            List<Long> first = store.read(c -> sample.select(c, l.id())).stream().map(PairSelection.SelectedPair::id).toList();
            List<Long> again = store.read(c -> sample.select(c, l.id())).stream().map(PairSelection.SelectedPair::id).toList();
            assertThat(first).hasSize(7).isEqualTo(again).isSorted();
            assertThat(first).isNotEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
            LabelingReport r = run(store, l, sample, server.baseUrl(), Duration.ofSeconds(5), new RunControl(),
                    LabelingListener.none(), null);
            assertThat(r.progress().labeled()).isEqualTo(7);
            assertThat(current(store, l.id())).extracting(Label::comparisonId).containsExactlyInAnyOrderElementsOf(first);
            LabelingReport next = run(store, l, PairSelection.all().withUnlabeledOnly(true).withLimit(5),
                    server.baseUrl(), Duration.ofSeconds(5), new RunControl(), LabelingListener.none(), null);
            assertThat(next.progress().labeled()).isEqualTo(5);
            assertThat(next.progress().skipped()).isZero();
        }
    }

    static void assertEverySlotLabeledExactlyOnce(ProjectStore store, Labeler l, int pairs, boolean bothOrders) {
        List<Label> rows = allRows(store, l.id());
        Map<String, Integer> perSlot = new HashMap<>();
        for (Label x : rows) {
            perSlot.merge(x.comparisonId() + "/" + x.sampleIndex() + "/" + x.orderShown(), 1, Integer::sum);
        }
        assertThat(perSlot.values()).allMatch(n -> n == 1);
        List<String> expected = new ArrayList<>();
        for (long id = 1; id <= pairs; id++) {
            expected.add(id + "/0/AB");
            if (bothOrders) {
                expected.add(id + "/0/BA");
                expected.add(id + "/0/null");
            }
        }
        assertThat(perSlot.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
