package org.rlaif.workbench.ui.runs;

import java.util.List;
import java.util.Map;

/**
 * Which chart a metric is drawn in. A trainer's training and held-out figures of one quantity share a chart (train
 * and held-out loss, train accuracy and held-out agreement with humans, the reward's mean, min and max) so that
 * over-fitting shows as two lines parting; everything else has a chart of its own. The charts come in the order a
 * reader looks for them: the headline figures, then the optimizer, then throughput, then the rest by name.
 */
final class MetricGroups {
    /** One chart: its id (for files and lookups), title, and place. */
    record Chart(String id, String title, int order) implements Comparable<Chart> {
        @Override
        public int compareTo(Chart o) {
            return order != o.order ? Integer.compare(order, o.order) : id.compareTo(o.id);
        }
    }

    private static final int OTHER = 100;

    /** Quantities whose training and held-out values share a chart, by the metric's name after its prefix. */
    private static final Map<String, Chart> SHARED = Map.ofEntries(
            Map.entry("human_agreement", new Chart("agreement", "Human agreement · accuracy", 0)),
            Map.entry("accuracy", new Chart("agreement", "Human agreement · accuracy", 0)),
            Map.entry("loss", new Chart("loss", "Loss", 1)),
            Map.entry("margin", new Chart("margin", "Margin (chosen − rejected)", 2)),
            Map.entry("mean_reward", new Chart("reward", "Reward", 3)),
            Map.entry("min_reward", new Chart("reward", "Reward", 3)),
            Map.entry("max_reward", new Chart("reward", "Reward", 3)),
            Map.entry("reward", new Chart("reward", "Reward", 3)),
            Map.entry("kl", new Chart("kl", "KL to the reference", 4)),
            Map.entry("learning_rate", new Chart("learning_rate", "Learning rate", 10)),
            Map.entry("grad_norm", new Chart("grad_norm", "Gradient norm", 11)),
            Map.entry("pairs_per_second", new Chart("pairs_per_second", "Pairs per second", 20)),
            Map.entry("samples_per_second", new Chart("samples_per_second", "Samples per second", 20)),
            Map.entry("completions_per_second", new Chart("completions_per_second", "Completions per second", 20)),
            Map.entry("tokens_per_second", new Chart("tokens_per_second", "Tokens per second", 21)));

    /** Prefixes that say where a figure was measured, and what a legend calls them. */
    private static final List<String[]> PREFIXES = List.of(new String[] {"train/", "train"},
            new String[] {"eval/", "held-out"});

    private MetricGroups() {
    }

    static Chart chartOf(String metric) {
        Chart shared = SHARED.get(base(metric));
        return shared != null ? shared : new Chart(metric.replaceAll("[^A-Za-z0-9_.-]+", "_"), metric, OTHER);
    }

    /** What the legend calls a metric's line inside its chart: "train", "held-out", "train min_reward", … */
    static String lineName(String metric) {
        String where = metric;
        for (String[] p : PREFIXES) {
            if (metric.startsWith(p[0])) {
                where = p[1];
            }
        }
        String base = base(metric);
        Chart chart = SHARED.get(base);
        if (base.endsWith("_reward")) {
            return where + " " + base.substring(0, base.indexOf('_')); // "train mean", "train min", "held-out mean"
        }
        boolean ownName = chart == null || chart.id().equals(base);
        return ownName ? where : where + " " + base.replace('_', ' ');
    }

    /** The metric's name without its {@code train/} or {@code eval/} prefix. */
    static String base(String metric) {
        for (String[] p : PREFIXES) {
            if (metric.startsWith(p[0])) {
                return metric.substring(p[0].length());
            }
        }
        return metric;
    }
}
