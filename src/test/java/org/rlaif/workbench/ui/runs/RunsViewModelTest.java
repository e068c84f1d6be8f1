package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.runs.Watcher;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunRepository;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Notice;
import org.rlaif.workbench.ui.common.Workspace;

/**
 * The Runs screen's model over a real project, with runs written through a second connection the way a
 * {@code train} command in another process writes them: they show live, only what is new is read, and a finished
 * run is not read again.
 */
class RunsViewModelTest {
    @TempDir
    Path dir;
    private Path file;
    private ProjectStore other;
    private Workspace workspace;
    private RunsViewModel vm;
    private final RunRepository runs = new RunRepository();

    @BeforeEach
    void open() {
        file = dir.resolve("p.rlaif");
        other = ProjectStore.open(file);
        workspace = new Workspace(new DirectJobExecutor());
        vm = new RunsViewModel(workspace, TrainingEnvironment.locate(dir.resolve("data"), null), null);
    }

    @AfterEach
    void close() {
        workspace.closeNow();
        other.close();
    }

    private long run(String kind, String spec, RunState state, Long pid) {
        return other.write(c -> {
            Run r = runs.create(c, kind, kind + " run", spec);
            runs.updateWatcher(c, r.id(), Watcher.self());
            runs.updateState(c, r.id(), state, state.name().toLowerCase());
            if (pid != null) {
                runs.updatePid(c, r.id(), pid);
            }
            return r.id();
        });
    }

    private void metrics(long id, String name, long fromStep, double... values) {
        other.write(c -> {
            for (int i = 0; i < values.length; i++) {
                runs.addMetric(c, new MetricPoint(id, fromStep + i, name, values[i], 0));
            }
            return null;
        });
    }

    private void log(long id, String line) {
        other.write(c -> {
            runs.appendLog(c, id, line);
            return null;
        });
    }

    private void openProject() {
        workspace.open(file, false, s -> { });
    }

    @Test
    void aRunOfAnotherProcessShowsLiveAndEachReadBringsOnlyWhatIsNew() {
        long id = run("reward-model", "{\"label_source\":\"ai\",\"backbone\":\"tiny\"}", RunState.RUNNING, null);
        metrics(id, "train/loss", 1, 0.9, 0.8, 0.7);
        log(id, "started");
        openProject();

        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(RunState.RUNNING));
        assertThat(vm.requestedSelectionProperty().get()).containsExactly(id); // the newest run, picked at first
        vm.setSelection(List.of(id), id);
        MetricCharts.Frame first = vm.charts().pulse();
        assertThat(first.changes()).singleElement().satisfies(c -> assertThat(c.points()).hasSize(3));
        assertThat(vm.log()).containsExactly("started");
        assertThat(vm.specProperty().get()).contains("\"label_source\" : \"ai\"");

        metrics(id, "train/loss", 4, 0.6, 0.5);
        log(id, "step 5");
        vm.tick(); // a live run: read at every tick
        MetricCharts.Frame next = vm.charts().pulse();
        assertThat(next.changes()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(3);
            assertThat(c.points()).extracting(p -> p[0]).containsExactly(4.0, 5.0);
        });
        assertThat(vm.log()).containsExactly("started", "step 5");

        metrics(id, "eval/human_agreement", 5, 0.61);
        other.write(c -> {
            runs.updateState(c, id, RunState.FINISHED, "trained 5 steps");
            return null;
        });
        vm.poll();
        assertThat(vm.rows().getFirst().state()).isEqualTo(RunState.FINISHED);
        assertThat(vm.rows().getFirst().agreementText()).isEqualTo("61.0%");
        assertThat(vm.charts().seriesOf("agreement")).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(1)); // the value stored just before the end
        assertThat(vm.statusProperty().get()).isEqualTo("1 run");
    }

    @Test
    void aFinishedRunIsNotReadAgain() {
        long id = run("reward-model", "{}", RunState.FINISHED, null);
        metrics(id, "train/loss", 1, 0.9, 0.8);
        RunFeed feed = new RunFeed();
        RunFeed.Update first = feed.read(other, new RunFeed.Request(Map.of(), Map.of(id, 0L), id, -1, -1));
        assertThat(first.metrics().get(id).points()).hasSize(2);
        RunRow row = first.rows().getFirst();

        RunFeed.Update again = feed.read(other, new RunFeed.Request(Map.of(id, row),
                Map.of(id, first.metrics().get(id).lastRowid()), id, 0, -1));
        assertThat(again.rows().getFirst()).isSameAs(row);
        assertThat(again.metrics()).isEmpty();
        assertThat(again.log()).isNull();
    }

    @Test
    void severalRunsPickedAreOverlaidAndTheFocusedOnesLogAndSamplesShow() {
        long a = run("rl", "{}", RunState.FINISHED, null);
        long b = run("rl", "{}", RunState.FINISHED, null);
        metrics(a, "train/reward", 1, 0.1, 0.2);
        metrics(b, "train/reward", 1, 0.3, 0.4);
        log(a, "log of a");
        log(b, "log of b");
        other.write(c -> {
            runs.addSample(c, new RunSample(b, 0, 1, "a prompt", "a completion", 0.4, 0));
            runs.addSample(c, new RunSample(b, 0, 2, "another", "dropped one", null, 0));
            return null;
        });
        openProject();
        vm.setSelection(List.of(b, a), b);

        MetricCharts.Frame f = vm.charts().pulse();
        assertThat(f.lines()).hasSize(2);
        assertThat(f.lines().values()).extracting(MetricCharts.Line::name)
                .containsExactlyInAnyOrder("#" + b + " train", "#" + a + " train");
        assertThat(vm.log()).containsExactly("log of b");
        assertThat(vm.samples()).extracting(RunSample::completion).containsExactly("a completion", "dropped one");

        vm.setSelection(List.of(b, a), a);
        assertThat(vm.log()).containsExactly("log of a");
        assertThat(vm.samples()).isEmpty();
        vm.setSelection(List.of(a), a);
        assertThat(vm.charts().pulse().removed()).containsExactly(new SeriesKey(b, "train/reward"));
    }

    @Test
    void pickedRewardModelsShowTheirHeldOutAgreementSideBySide() throws Exception {
        Path eval = dir.resolve("eval.jsonl");
        Files.writeString(eval, "{\"id\":1,\"human\":\"A\"}\n{\"id\":2,\"human\":\"B\"}\n{\"id\":3,\"human\":\"A\"}\n"
                + "{\"id\":4,\"human\":\"B\"}\n");
        Path aiScores = dir.resolve("ai-scores.jsonl");
        Files.writeString(aiScores, "{\"id\":1,\"reward_a\":1,\"reward_b\":0}\n{\"id\":2,\"reward_a\":1,\"reward_b\":0}\n"
                + "{\"id\":3,\"reward_a\":1,\"reward_b\":0}\n{\"id\":4,\"reward_a\":0.5,\"reward_b\":0.5}\n");
        Path humanScores = dir.resolve("human-scores.jsonl");
        Files.writeString(humanScores, "{\"id\":1,\"reward_a\":1,\"reward_b\":0}\n{\"id\":2,\"reward_a\":0,\"reward_b\":1}"
                + "\n{\"id\":3,\"reward_a\":1,\"reward_b\":0}\n{\"id\":4,\"reward_a\":0,\"reward_b\":1}\n");
        String spec = "{\"data\":{\"eval\":" + org.rlaif.workbench.io.Json.mapper().writeValueAsString(eval.toString())
                + "},\"label_source\":\"%s\"}";
        long rlaif = run("reward-model", spec.formatted("ai"), RunState.FINISHED, null);
        long rlhf = run("reward-model", spec.formatted("humans"), RunState.FINISHED, null);
        other.write(c -> {
            runs.addArtifact(c, rlaif, "scores", aiScores.toString(), 10L);
            runs.addArtifact(c, rlhf, "scores", humanScores.toString(), 10L);
            return null;
        });
        openProject();
        vm.setSelection(List.of(rlaif, rlhf), rlaif);

        assertThat(vm.heldOut()).extracting(RunRow::id).containsExactly(rlaif, rlhf);
        // ai: A, A, A, tie against A, B, A, B: two right, one wrong, one tie = 2.5 of 4
        assertThat(vm.heldOut().get(0).heldOut().agreement()).isEqualTo(0.625);
        assertThat(vm.heldOut().get(1).heldOut().agreement()).isEqualTo(1.0);
        assertThat(vm.heldOut().get(0).agreementText()).startsWith("62.5% [");
        assertThat(vm.isHumanSource("humans")).isTrue();
        assertThat(vm.isHumanSource("ai")).isFalse();
    }

    @Test
    void aRunWhoseProcessIsNotATrainerIsNotSignalledButSaysSo() {
        long id = run("reward-model", "{}", RunState.RUNNING, ProcessHandle.current().pid());
        openProject();
        vm.setSelection(List.of(id), id);
        assertThat(vm.canStopProperty().get()).isTrue();
        vm.stop();
        assertThat(workspace.noticeProperty().get()).isEqualTo(Notice.info("Run #" + id
                + " cannot be stopped from here", "Its trainer is not a process this window can reach."));
    }

    @Test
    void anotherProjectStartsFromNothing() {
        long id = run("reward-model", "{}", RunState.FINISHED, null);
        openProject();
        vm.setSelection(List.of(id), id);
        Path second = dir.resolve("q.rlaif");
        ProjectStore.open(second).close();
        workspace.open(second, false, s -> { });
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.charts().runs()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("No runs yet");
    }
}
