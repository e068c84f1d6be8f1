package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.metrics.Interval;
import org.rlaif.workbench.training.HeldOutAgreement;

/** How a run reads in the table: state, progress, duration, device and its held-out agreement. */
class RunRowTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final String SPEC = "{\"label_source\":\"gpt-3.5-turbo\",\"backbone\":\"tiny\",\"device\":\"auto\"}";

    private static Run run(RunState state, Instant end, long done, Long total, String spec, String message) {
        return new Run(7, "reward-model", "reward model on gpt-3.5-turbo", spec, state, 4242L, START, end, message,
                done, total, "1@2");
    }

    @Test
    void eachStateReadsAsAWordAndALiveRunWithATotalShowsHowFarItIs() {
        assertThat(RunRow.of(run(RunState.RUNNING, null, 12, 30L, SPEC, "running"), Map.of(), null).stateText())
                .isEqualTo("running 12/30");
        assertThat(RunRow.of(run(RunState.RUNNING, null, 0, null, SPEC, null), Map.of(), null).stateText())
                .isEqualTo("running");
        for (RunState s : RunState.values()) {
            RunRow row = RunRow.of(run(s, s.isTerminal() ? START.plusSeconds(5) : null, 3, 30L, SPEC, "why"),
                    Map.of(), null);
            assertThat(row.stateText()).startsWith(s.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(row.isLive()).isEqualTo(!s.isTerminal());
        }
        RunRow interrupted = RunRow.of(run(RunState.INTERRUPTED, START.plusSeconds(9), 3, 30L, SPEC,
                "interrupted: the process watching it (1@2) ended before the run did"), Map.of(), null);
        assertThat(interrupted.stateText()).isEqualTo("interrupted");
        assertThat(interrupted.stateDetail()).contains("ended before the run did");
        assertThat(interrupted.endedBadly()).isTrue();
        assertThat(RunRow.of(run(RunState.STOPPED, START, 3, 30L, SPEC, "saved"), Map.of(), null).endedBadly())
                .isFalse();
    }

    @Test
    void durationRunsToTheEndOrToNow() {
        RunRow live = RunRow.of(run(RunState.RUNNING, null, 0, null, SPEC, null), Map.of(), null);
        assertThat(live.durationText(START.plusSeconds(42))).isEqualTo("42 s");
        assertThat(live.durationText(START.plusSeconds(185))).isEqualTo("3:05");
        assertThat(live.durationText(START.plusSeconds(3723))).isEqualTo("1:02:03");
        RunRow ended = RunRow.of(run(RunState.FINISHED, START.plusSeconds(61), 0, null, SPEC, null), Map.of(), null);
        assertThat(ended.durationText(START.plusSeconds(9999))).isEqualTo("1:01");
    }

    @Test
    void theSpecGivesSourceBackboneAndTheDeviceTheTrainerReported() {
        RunRow asked = RunRow.of(run(RunState.PENDING, null, 0, null, SPEC, null), Map.of(), null);
        assertThat(asked.labelSource()).isEqualTo("gpt-3.5-turbo");
        assertThat(asked.backbone()).isEqualTo("tiny");
        assertThat(asked.device()).isEqualTo("auto");
        String reported = "{\"label_source\":\"humans\",\"backbone\":\"tiny\",\"device\":\"auto\",\"environment\":"
                + "{\"device\":{\"type\":\"cuda\",\"name\":\"NVIDIA H200\",\"memory_gb\":139.8},"
                + "\"versions\":{\"torch\":\"2.13.0\"}}}";
        RunRow ran = RunRow.of(run(RunState.FINISHED, START, 0, null, reported, null), Map.of(), null);
        assertThat(ran.device()).isEqualTo("cuda: NVIDIA H200 (139.8 GiB)");
        assertThat(ran.prettySpec()).contains("\"torch\" : \"2.13.0\"").contains("\n");
        RunRow broken = RunRow.of(run(RunState.FINISHED, START, 0, null, "{not json", null), Map.of(), null);
        assertThat(broken.labelSource()).isEmpty();
    }

    @Test
    void agreementShowsTheIntervalWhenThereIsOneElseTheLastEvaluation() {
        Run r = run(RunState.FINISHED, START.plusSeconds(60), 30, 30L, SPEC, "done");
        assertThat(RunRow.of(r, Map.of(), null).agreementText()).isEmpty();
        RunRow last = RunRow.of(r, Map.of("eval/human_agreement", 0.5756, "train/loss", 0.69314718), null);
        assertThat(last.agreementText()).isEqualTo("57.6%");
        assertThat(last.finalText("train/loss")).isEqualTo("0.6931");
        RunRow withCi = last.withHeldOut(new HeldOutAgreement(172, 98, 2, 0.5756, new Interval(0.5, 0.651)));
        assertThat(withCi.agreementText()).isEqualTo("57.6% [50.0, 65.1]");
    }
}
