package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunTail;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.training.HeldOutScores;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingEnvironment;

/**
 * The window's launch path against the stand-in trainer: checked, prepared, run as a job on a connection of its own,
 * stopped gracefully by the Stop button, and ended with the held-out agreement from the trainer's scores.
 */
class TrainingLauncherTest {
    @TempDir
    Path dir;
    private ProjectStore store;
    private final ThreadJobExecutor jobs = new ThreadJobExecutor();

    @BeforeEach
    void project() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
        new SyntheticProject(120, 2, 1).writeTo(store, n -> { });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<RewardModelTraining.Prepared> prepare(TrainingLauncher launcher, String labels) throws Exception {
        CompletableFuture<List<RewardModelTraining.Prepared>> ready = new CompletableFuture<>();
        launcher.prepare(store, List.of(RewardModelRequest.of(labels)), ready::complete, ready::completeExceptionally);
        return ready.get(120, TimeUnit.SECONDS);
    }

    @Test
    void stopAsksTheRunToSaveAndEndAndEverythingItReportedIsInTheProject() throws Exception {
        TrainingEnvironment env = FakePython.environment(dir, 100_000, 20); // would run for half an hour unstopped
        TrainingLauncher launcher = new TrainingLauncher(jobs, env, null);
        List<RewardModelTraining.Prepared> prepared = prepare(launcher, "judge-1b");
        CompletableFuture<Long> started = new CompletableFuture<>();
        CompletableFuture<List<TrainingLauncher.Finished>> done = new CompletableFuture<>();
        launcher.run(store.file(), "Training", prepared, started::complete, done::complete, done::completeExceptionally);
        long id = started.get(60, TimeUnit.SECONDS);

        RunTail tail = new RunTail();
        long losses = 0;
        while (losses < 3) { // the run is live: its values reach the project as they come
            assertThat(done).isNotDone();
            Thread.sleep(20);
            losses = store.read(c -> tail.metricsAfter(c, id, 0)).points().stream()
                    .filter(p -> p.name().equals("train/loss")).count();
        }
        assertThat(launcher.runsHere(id)).isTrue();
        assertThat(launcher.stop(id, null)).isTrue();

        TrainingLauncher.Finished f = done.get(120, TimeUnit.SECONDS).getFirst();
        assertThat(f.runId()).isEqualTo(id);
        assertThat(f.result().outcome().state()).isEqualTo(RunState.STOPPED);
        assertThat(f.result().outcome().message()).startsWith("stopped after step");
        assertThat(f.heldOut()).isNull(); // a stopped run exports no scores
        assertThat(launcher.runsHere(id)).isFalse();
        assertThat(store.read(c -> store.runs().find(c, id)).orElseThrow().state()).isEqualTo(RunState.STOPPED);
        assertThat(jobs.messages).anyMatch(m -> m.matches("reward model on judge-1b: step \\d+ of 100,000"));
    }

    @Test
    void aFinishedRunReportsItsHeldOutAgreementWithItsInterval() throws Exception {
        TrainingLauncher launcher = new TrainingLauncher(jobs, FakePython.environment(dir, 6, 0), null);
        List<RewardModelTraining.Prepared> prepared = prepare(launcher, "humans");
        CompletableFuture<List<TrainingLauncher.Finished>> done = new CompletableFuture<>();
        launcher.run(store.file(), "Training", prepared, id -> { }, done::complete, done::completeExceptionally);

        TrainingLauncher.Finished f = done.get(120, TimeUnit.SECONDS).getFirst();
        assertThat(f.result().outcome().state()).isEqualTo(RunState.FINISHED);
        HeldOutAgreement h = f.heldOut();
        Path folder = f.result().runFolder();
        assertThat(h.pairs()).isEqualTo(Files.readAllLines(folder.resolve("eval.jsonl")).size()).isGreaterThan(10);
        assertThat(h).isEqualTo(HeldOutScores.of(folder.resolve("eval.jsonl"), folder.resolve("scores.jsonl")));
        Map<String, Double> finals = store.read(c -> store.runs().finalMetrics(c, f.runId()));
        assertThat(h.agreement()).isEqualTo(finals.get("eval/human_agreement")); // what the trainer itself said
        assertThat(h.ci95().contains(h.agreement())).isTrue();
        assertThat(h.ci95().hi() - h.ci95().lo()).isGreaterThan(0);
    }

    @Test
    void aProcessThatIsNotATrainerIsNeverSignalled() throws Exception {
        TrainingLauncher launcher = new TrainingLauncher(jobs, FakePython.environment(dir, 1, 0), null);
        assertThat(launcher.stop(99, ProcessHandle.current().pid())).isFalse();
        assertThat(launcher.stop(99, null)).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
