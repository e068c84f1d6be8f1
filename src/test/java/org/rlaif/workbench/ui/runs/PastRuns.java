package org.rlaif.workbench.ui.runs;

import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.store.ProjectStore;

/** Runs as a trainer leaves them in a project, for the window's tests. */
public final class PastRuns {
    private PastRuns() {
    }

    /** A finished run as a trainer leaves it: the spec with its environment, twenty steps of the usual figures. */
    public static long add(ProjectStore s, String name, String source, RunState end) {
        String spec = "{\"trainer\":\"reward-model\",\"label_source\":\"" + source + "\",\"backbone\":\"tiny\","
                + "\"device\":\"auto\",\"seed\":20231201,\"hyper\":{\"max_steps\":20,\"batch_size\":16},"
                + "\"environment\":{\"device\":{\"type\":\"cpu\",\"threads\":2},\"versions\":{\"torch\":\"2.13.0\","
                + "\"transformers\":\"5.17.0\",\"trl\":\"1.13.0\"}}}";
        return s.write(c -> {
            Run r = s.runs().create(c, "reward-model", name, spec);
            for (int step = 1; step <= 20; step++) {
                double t = step / 20.0;
                for (String[] m : new String[][] {{"train/loss", "" + (0.69 - 0.3 * t)},
                        {"train/accuracy", "" + (0.5 + 0.4 * t)}, {"train/margin", "" + t},
                        {"train/learning_rate", "" + 3e-3 * (1 - t)}, {"train/pairs_per_second", "" + (40 + step % 3)},
                        {"train/tokens_per_second", "" + (9000 + 100 * (step % 4))}}) {
                    s.runs().addMetric(c, new MetricPoint(r.id(), step, m[0], Double.parseDouble(m[1]), 0));
                }
                if (step % 5 == 0) {
                    s.runs().addMetric(c, new MetricPoint(r.id(), step, "eval/human_agreement", 0.5 + 0.1 * t, 0));
                    s.runs().addMetric(c, new MetricPoint(r.id(), step, "eval/loss", 0.69 - 0.1 * t, 0));
                }
                s.runs().appendLog(c, r.id(), "step " + step);
            }
            s.runs().updateProgress(c, r.id(), 20, 20L);
            s.runs().updateState(c, r.id(), end, end == RunState.FINISHED ? "20 steps" : "train/loss is NaN");
            return r.id();
        });
    }
}
