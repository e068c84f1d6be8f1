package org.rlaif.workbench.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FxStallMonitorTest {
    @Test
    void aPercentileIsTheSmallestGapThatFractionOfTheGapsAreNoLongerThan() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList();
        assertThat(FxStallMonitor.percentile(hundred, 0.5)).isEqualTo(50);
        assertThat(FxStallMonitor.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(FxStallMonitor.percentile(hundred, 1.0)).isEqualTo(100);
        assertThat(FxStallMonitor.percentile(hundred, 0.0)).isEqualTo(1);
        assertThat(FxStallMonitor.percentile(List.of(16L, 16L, 17L, 240L), 0.99)).isEqualTo(240);
        assertThat(FxStallMonitor.percentile(List.of(), 0.5)).isZero();
    }
}
