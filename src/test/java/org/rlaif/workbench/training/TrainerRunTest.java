package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunArtifact;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.Processes;

/**
 * The run mechanism against a stand-in trainer ({@code fake_trainer.py}, standard library only) that speaks the
 * protocol, breaks it, crashes, hangs, ignores a stop or leaves a process behind: every case ends in the state
 * decision 22 promises, with what the trainer said stored in the project.
 */
class TrainerRunTest {
    @TempDir
    Path dir;
    private ProjectStore store;

    @BeforeEach
    void open() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTrainerThatFinishesLeavesItsMetricsSamplesArtifactsAndEnvironmentInTheProject() throws Exception {
        TrainerRun.Outcome o = run("ok", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);

        assertThat(o.state()).isEqualTo(RunState.FINISHED);
        assertThat(o.message()).isEqualTo("trained 5 steps");
        assertThat(o.artifact("reward-model")).isEqualTo("/tmp/model");
        Run run = store.read(c -> store.runs().find(c, o.runId())).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.done()).isEqualTo(5);
        assertThat(run.total()).isEqualTo(5L);
        assertThat(run.endedAt()).isNotNull();
        JsonNode spec = Json.mapper().readTree(run.specJson());
        assertThat(spec.path("asked").asText()).isEqualTo("ok");
        assertThat(spec.path("environment").path("trainer").asText()).isEqualTo("fake");
        assertThat(spec.path("environment").path("device").path("type").asText()).isEqualTo("cpu");

        List<MetricPoint> loss = store.read(c -> store.runs().metrics(c, o.runId()));
        assertThat(loss).extracting(MetricPoint::step).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(loss).extracting(MetricPoint::value).containsExactly(1.0, 0.5, 1.0 / 3, 0.25, 0.2);
        List<RunSample> samples = store.read(c -> store.runs().samples(c, o.runId(), 10));
        assertThat(samples).extracting(RunSample::completion).containsExactly("c", "c2");
        assertThat(samples).extracting(RunSample::reward).containsExactly(0.5, null);
        List<RunArtifact> artifacts = store.read(c -> store.runs().artifacts(c, o.runId()));
        assertThat(artifacts).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo("reward-model"));
        assertThat(log(o)).anyMatch(l -> l.equals("all done")).anyMatch(l -> l.startsWith("trainer fake on cpu"));
    }

    @Test
    void aCrashFailsTheRunWithTheEndOfItsErrorOutput() throws Exception {
        TrainerRun.Outcome o = run("crash", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);

        assertThat(o.state()).isEqualTo(RunState.FAILED);
        assertThat(o.message()).contains("ended without saying how (exit status 1)").contains("RuntimeError: boom");
        assertThat(stored(o).message()).contains("RuntimeError: boom");
        List<MetricPoint> before = store.read(c -> store.runs().metrics(c, o.runId()));
        assertThat(before).hasSize(1); // what came before the crash
    }

    @Test
    void junkOnStandardOutputIsLogAndBrokenEventsAreCountedNotFatal() throws Exception {
        TrainerRun.Outcome o = run("junk", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);

        assertThat(o.state()).isEqualTo(RunState.FINISHED);
        List<MetricPoint> metrics = store.read(c -> store.runs().metrics(c, o.runId()));
        assertThat(metrics).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(0.5));
        List<String> log = log(o);
        assertThat(log).contains("loading weights... 100%", "{not json", "[1, 2, 3]");
        assertThat(log).anyMatch(l -> l.startsWith("protocol error: event \"metric\": \"step\" should be integer"));
        assertThat(log).anyMatch(l -> l.equals("protocol error: unknown event \"teleport\""));
    }

    @Test
    void aTrainerThatFallsSilentIsKilledAndFailed() throws Exception {
        TrainerRun.Outcome o = run("hang", TrainerLaunch.DEFAULT_STOP_GRACE, Duration.ofSeconds(2), null);

        assertThat(o.state()).isEqualTo(RunState.FAILED);
        assertThat(o.message()).startsWith("no word from the trainer for 2 s");
        assertThat(Processes.endsSoon(stored(o).pid())).isTrue();
    }

    @Test
    void stopFinishesTheStepSavesAndEndsStopped() throws Exception {
        TrainerRun.Outcome o = run("stop", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT,
                e -> e instanceof RunEvent.Progress);

        assertThat(o.state()).isEqualTo(RunState.STOPPED);
        assertThat(o.succeeded()).isTrue();
        assertThat(o.artifact("checkpoint")).isEqualTo("/tmp/ckpt");
        assertThat(o.message()).isEqualTo("stopped after step 1 and saved");
    }

    @Test
    void aTrainerThatIgnoresTheStopIsKilledWhenTheGraceEnds() throws Exception {
        TrainerRun.Outcome o = run("ignore-stop", Duration.ofSeconds(1), TrainerLaunch.DEFAULT_SILENCE_LIMIT,
                e -> e instanceof RunEvent.Progress);

        assertThat(o.state()).isEqualTo(RunState.CANCELLED);
        assertThat(o.message()).startsWith("did not stop within 1 s");
        assertThat(Processes.endsSoon(stored(o).pid())).isTrue();
    }

    @Test
    void processesTheTrainerStartedDoNotOutliveTheRun() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        TrainerRun.Outcome o = run(List.of("grandchild", pidFile.toString()), TrainerLaunch.DEFAULT_STOP_GRACE,
                TrainerLaunch.DEFAULT_SILENCE_LIMIT, e -> e instanceof RunEvent.Progress);

        assertThat(o.state()).isEqualTo(RunState.STOPPED);
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Processes.endsSoon(grandchild)).as("the sleeping process the trainer started").isTrue();
    }

    @Test
    void aLossThatIsNotANumberEndsTheRunDiverged() throws Exception {
        TrainerRun.Outcome o = run("nan", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);

        assertThat(o.state()).isEqualTo(RunState.DIVERGED);
        assertThat(o.message()).isEqualTo("train/loss is NaN at step 2: the run diverged");
    }

    @Test
    void aFailureTheTrainerNamesIsTheRunsMessage() throws Exception {
        TrainerRun.Outcome oom = run("oom", TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);
        assertThat(oom.state()).isEqualTo(RunState.FAILED);
        assertThat(oom.message()).contains("exited with status 1").contains("CUDA out of memory");

        TrainerRun.Outcome said = run("fail-status", TrainerLaunch.DEFAULT_STOP_GRACE,
                TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);
        assertThat(said.state()).isEqualTo(RunState.FAILED);
        assertThat(said.message()).isEqualTo("the backbone folder holds no model");
    }

    @Test
    void aNonZeroExitFailsEvenAfterClaimingToHaveFinished() throws Exception {
        TrainerRun.Outcome o = run("exit-nonzero", TrainerLaunch.DEFAULT_STOP_GRACE,
                TrainerLaunch.DEFAULT_SILENCE_LIMIT, null);

        assertThat(o.state()).isEqualTo(RunState.FAILED);
        assertThat(o.message()).startsWith("the trainer exited with status 3 after reporting 'finished'");
    }

    @Test
    void aProgramThatCannotStartFailsTheRunAndSaysWhich() {
        TrainerRun run = TrainerRun.create(store, "reward-model", "t", spec("none"), e -> { });
        TrainerRun.Outcome o = run.execute(new TrainerLaunch("reward-model", "t", spec("none"),
                List.of(dir.resolve("no-such-python").toString()), Map.of(), null,
                TrainerLaunch.DEFAULT_STOP_GRACE, TrainerLaunch.DEFAULT_SILENCE_LIMIT));

        assertThat(o.state()).isEqualTo(RunState.FAILED);
        assertThat(o.message()).startsWith("cannot start the trainer (" + dir.resolve("no-such-python"));
    }

    private TrainerRun.Outcome run(String mode, Duration grace, Duration silence, Predicate<RunEvent> stopWhen)
            throws Exception {
        return run(List.of(mode), grace, silence, stopWhen);
    }

    /** Runs the stand-in trainer; when {@code stopWhen} matches an event, asks it to stop (from another thread). */
    private TrainerRun.Outcome run(List<String> args, Duration grace, Duration silence, Predicate<RunEvent> stopWhen)
            throws Exception {
        CountDownLatch stopNow = new CountDownLatch(1);
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        TrainerRun run = TrainerRun.create(store, "reward-model", "fake " + args.get(0), spec(args.get(0)), e -> {
            seen.add(e);
            if (stopWhen != null && stopWhen.test(e)) {
                stopNow.countDown();
            }
        });
        Thread stopper = new Thread(() -> {
            try {
                if (stopWhen != null && stopNow.await(5, TimeUnit.MINUTES)) {
                    run.stop();
                }
            } catch (InterruptedException ignored) {
                // the run ended first
            }
        });
        stopper.start();
        List<String> cmd = new ArrayList<>(List.of(FakeTrainer.python(), FakeTrainer.script().toString()));
        cmd.addAll(args);
        TrainerRun.Outcome o = run.execute(new TrainerLaunch("reward-model", "fake", spec(args.get(0)), cmd, Map.of(),
                null, grace, silence));
        stopper.interrupt();
        stopper.join();
        assertThat(seen).as("the listener hears what the project stores").isNotEmpty();
        return o;
    }

    private static ObjectNode spec(String mode) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("asked", mode);
        return s;
    }

    private Run stored(TrainerRun.Outcome o) {
        return store.read(c -> store.runs().find(c, o.runId())).orElseThrow();
    }

    private List<String> log(TrainerRun.Outcome o) {
        return store.read(c -> store.runs().logTail(c, o.runId(), 100));
    }
}
