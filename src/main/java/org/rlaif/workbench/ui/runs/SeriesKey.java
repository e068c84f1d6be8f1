package org.rlaif.workbench.ui.runs;

import java.util.Objects;

/** One line of the charts: one metric of one run. */
record SeriesKey(long runId, String metric) {
    SeriesKey {
        Objects.requireNonNull(metric, "metric");
    }
}
