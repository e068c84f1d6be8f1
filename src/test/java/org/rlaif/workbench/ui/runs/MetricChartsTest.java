package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.domain.MetricPoint;

/** The charts as data: one change per line per frame, smoothing, log scale, decimation, overlay. */
class MetricChartsTest {
    private static List<MetricPoint> points(long run, String name, double... values) {
        List<MetricPoint> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new MetricPoint(run, i + 1, name, values[i], 0));
        }
        return out;
    }

    private static MetricPoint point(long run, long step, String name, double value) {
        return new MetricPoint(run, step, name, value, 0);
    }

    @Test
    void valuesArrivingBetweenTwoFramesChangeEachLineOnceAndAskForOneFrame() {
        MetricCharts charts = new MetricCharts(400);
        AtomicInteger asked = new AtomicInteger();
        charts.setOnDirty(asked::incrementAndGet);
        charts.setRuns(List.of(1L));
        for (int step = 1; step <= 30; step++) { // 30 reads between two frames: 10 events/s for 3 s, say
            charts.add(1, List.of(point(1, step, "train/loss", 1.0 / step), point(1, step, "train/accuracy", 0.5)));
        }

        assertThat(asked).hasValue(1);
        MetricCharts.Frame f = charts.pulse();
        assertThat(f.changes()).hasSize(2);
        assertThat(f.changes()).allSatisfy(c -> {
            assertThat(c.from()).isZero();
            assertThat(c.points()).hasSize(30);
        });
        assertThat(f.charts()).extracting(MetricGroups.Chart::id).containsExactly("agreement", "loss");
        assertThat(charts.pulse()).isNull();

        charts.add(1, List.of(point(1, 31, "train/loss", 0.01)));
        assertThat(asked).hasValue(2);
        MetricCharts.Frame next = charts.pulse();
        assertThat(next.changes()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(30); // appended, nothing before it redrawn
            assertThat(c.points()).hasSize(1);
        });
        assertThat(next.charts()).isNull();
        assertThat(next.lines()).isNull();
    }

    @Test
    void smoothingIsAnExponentialMovingAverageCorrectedForItsStart() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(1L));
        charts.add(1, points(1, "train/loss", 1, 3, 2));
        charts.setSmoothing(0.5);
        List<double[]> line = charts.pulse().changes().getFirst().points();
        // last = 0.5 * last + 0.5 * v, divided by 1 - 0.5^n (TensorBoard's smoothing)
        assertThat(line.get(0)[1]).isCloseTo(1.0, within(1e-12));
        assertThat(line.get(1)[1]).isCloseTo(1.75 / 0.75, within(1e-12));
        assertThat(line.get(2)[1]).isCloseTo((0.5 * 1.75 + 1.0) / 0.875, within(1e-12));

        charts.setSmoothing(0);
        MetricSeries.Change redrawn = charts.pulse().changes().getFirst();
        assertThat(redrawn.from()).isZero();
        assertThat(redrawn.points()).extracting(p -> p[1]).containsExactly(1.0, 3.0, 2.0);
    }

    @Test
    void onALogScaleLinesHoldLog10AndLeaveOutWhatIsNotPositive() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(1L));
        charts.setSmoothing(0);
        charts.add(1, points(1, "train/learning_rate", 0.1, 1, 10, 0));
        charts.setLogScale(true);
        List<double[]> line = charts.pulse().changes().getFirst().points();
        assertThat(line).extracting(p -> p[1]).containsExactly(-1.0, 0.0, 1.0);
        assertThat(line).extracting(p -> p[0]).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void aLongLineIsDecimatedAndNewValuesOnlyTouchItsEnd() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(1L));
        charts.setSmoothing(0);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        charts.add(1, points(1, "train/loss", values));
        MetricSeries.Change all = charts.pulse().changes().getFirst();
        assertThat(all.points()).hasSizeLessThanOrEqualTo(400).hasSizeGreaterThan(200);
        // each point is the mean of its bucket: the line keeps the shape (here a straight line through the values)
        double[] first = all.points().getFirst();
        assertThat(first[1]).isCloseTo(first[0] - 1, within(1e-9));
        int shown = all.points().size();

        int resets = 0;
        for (int i = 0; i < 50_000; i++) {
            charts.add(1, List.of(point(1, values.length + i + 1, "train/loss", values.length + i)));
            MetricSeries.Change c = charts.pulse().changes().getFirst();
            if (c.from() == 0) {
                resets++;
            } else {
                assertThat(c.from()).isGreaterThanOrEqualTo(shown - 1);
                assertThat(c.points()).hasSizeLessThanOrEqualTo(2);
            }
            shown = c.from() + c.points().size();
            assertThat(shown).isLessThanOrEqualTo(400);
        }
        assertThat(resets).isLessThanOrEqualTo(1); // the bucket doubles once from 100,000 to 150,000 values
    }

    @Test
    void severalRunsAreOverlaidWithAColourPerRunAndADashPerFigure() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(7L, 3L));
        charts.add(7, points(7, "train/loss", 0.7, 0.6));
        charts.add(7, points(7, "eval/loss", 0.7, 0.65));
        charts.add(3, points(3, "train/loss", 0.7, 0.5));
        MetricCharts.Frame f = charts.pulse();

        Map<SeriesKey, MetricCharts.Line> lines = f.lines();
        assertThat(lines.get(new SeriesKey(7, "train/loss")))
                .isEqualTo(new MetricCharts.Line("#7 train", 0, MetricCharts.Dash.SOLID));
        assertThat(lines.get(new SeriesKey(7, "eval/loss")))
                .isEqualTo(new MetricCharts.Line("#7 held-out", 0, MetricCharts.Dash.DASHED));
        assertThat(lines.get(new SeriesKey(3, "train/loss")))
                .isEqualTo(new MetricCharts.Line("#3 train", 1, MetricCharts.Dash.SOLID));
        assertThat(f.charts()).extracting(MetricGroups.Chart::id).containsExactly("loss");

        charts.setRuns(List.of(7L));
        MetricCharts.Frame one = charts.pulse();
        assertThat(one.removed()).containsExactly(new SeriesKey(3, "train/loss"));
        assertThat(one.lines()).containsEntry(new SeriesKey(7, "train/loss"),
                new MetricCharts.Line("train", 0, MetricCharts.Dash.SOLID));
        assertThat(one.lines()).containsEntry(new SeriesKey(7, "eval/loss"),
                new MetricCharts.Line("held-out", 1, MetricCharts.Dash.SOLID));

        charts.add(3, points(3, "train/loss", 0.1)); // a run no longer charted: its late values are dropped
        assertThat(charts.pulse()).isNull();
    }

    @Test
    void aFigureReportedOnceIsNoChartAndTheChartsComeInReadingOrder() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(1L));
        charts.add(1, List.of(point(1, 0, "train/truncated_pairs", 207)));
        charts.add(1, points(1, "train/tokens_per_second", 900, 950));
        charts.add(1, points(1, "train/learning_rate", 1e-3, 9e-4));
        charts.add(1, points(1, "eval/human_agreement", 0.5, 0.6));
        charts.add(1, points(1, "train/zeta", 1, 2));
        assertThat(charts.pulse().charts()).extracting(MetricGroups.Chart::id)
                .containsExactly("agreement", "learning_rate", "tokens_per_second", "train_zeta");
    }

    @Test
    void csvHoldsEveryValueAndItsSmoothedValue() {
        MetricCharts charts = new MetricCharts(400);
        charts.setRuns(List.of(2L));
        charts.setSmoothing(0.5);
        charts.add(2, points(2, "train/margin", 1, 3));
        charts.add(2, points(2, "eval/margin", 2));
        String csv = charts.csv("margin");
        assertThat(csv.split("\r\n")).containsExactly("run_id,metric,step,value,smoothed,smoothing",
                "2,train/margin,1,1.00000000,1.00000000,0.500000000",
                "2,train/margin,2,3.00000000,2.33333333,0.500000000",
                "2,eval/margin,1,2.00000000,2.00000000,0.500000000");
    }

    @Test
    void legendsSayWhichFigureALineIs() {
        assertThat(MetricGroups.lineName("train/loss")).isEqualTo("train");
        assertThat(MetricGroups.lineName("eval/loss")).isEqualTo("held-out");
        assertThat(MetricGroups.lineName("train/accuracy")).isEqualTo("train accuracy");
        assertThat(MetricGroups.lineName("eval/human_agreement")).isEqualTo("held-out human agreement");
        assertThat(MetricGroups.lineName("train/min_reward")).isEqualTo("train min");
        assertThat(MetricGroups.lineName("eval/mean_reward")).isEqualTo("held-out mean");
        assertThat(MetricGroups.lineName("label/done")).isEqualTo("label/done");
        assertThat(MetricGroups.chartOf("train/mean_reward")).isEqualTo(MetricGroups.chartOf("eval/mean_reward"));
        assertThat(MetricCharts.tick(-6.9e-18)).isEqualTo("0");
        assertThat(MetricCharts.tick(2.5)).isEqualTo("2.5");
        assertThat(MetricCharts.tick(5.0)).isEqualTo("5");
        assertThat(MetricCharts.tick(3e-4)).isEqualTo("3.0e-04");
    }
}
