package org.rlaif.workbench.ui.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rlaif.workbench.domain.MetricPoint;

/**
 * The charts of the runs being looked at, as data: every metric value that arrived, grouped into charts
 * ({@link MetricGroups}), one line per run and metric, several runs overlaid. Values arrive whenever the project is
 * read; the view collects what changed once per frame ({@link #pulse}), so however many values arrive between two
 * frames, each line changes at most once per frame, and only at its end (decision 41).
 */
final class MetricCharts {
    /** The most points a line has on screen: about one per pixel of a chart's width. */
    static final int MAX_POINTS = 400;

    /** How a line looks: its legend name, its colour (an index into the view's palette) and its dash. */
    record Line(String name, int color, Dash dash) {
    }

    enum Dash { SOLID, DASHED, DOTTED }

    /**
     * What to change on screen.
     *
     * @param charts  the charts to show, in order, when that changed (else null)
     * @param lines   every line's look, when any changed (else null)
     * @param removed lines to take away
     * @param changes lines whose points changed
     */
    record Frame(List<MetricGroups.Chart> charts, Map<SeriesKey, Line> lines, List<SeriesKey> removed,
                 List<MetricSeries.Change> changes) {
    }

    private final Map<SeriesKey, MetricSeries> series = new LinkedHashMap<>();
    private final List<Long> runs = new ArrayList<>();
    private final List<SeriesKey> removed = new ArrayList<>();
    private final int maxPoints;
    private List<MetricGroups.Chart> shownCharts = List.of();
    private double weight;
    private boolean log;
    private boolean linesChanged;
    private boolean dirty;
    private Runnable onDirty = () -> { };

    MetricCharts(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    /** Called (on the thread that changed something) when a frame has something to draw; the view asks for a pulse. */
    void setOnDirty(Runnable r) {
        onDirty = r;
    }

    /** The runs to chart, in the order they were picked; lines of runs no longer listed go. */
    void setRuns(List<Long> ids) {
        if (runs.equals(ids)) {
            return;
        }
        runs.clear();
        runs.addAll(ids);
        series.keySet().removeIf(k -> {
            boolean gone = !runs.contains(k.runId());
            if (gone) {
                removed.add(k);
            }
            return gone;
        });
        linesChanged = true;
        markDirty();
    }

    List<Long> runs() {
        return List.copyOf(runs);
    }

    /** Values that arrived for a charted run, in the order they were stored; a run not charted is ignored. */
    void add(long runId, List<MetricPoint> points) {
        if (!runs.contains(runId) || points.isEmpty()) {
            return;
        }
        for (MetricPoint p : points) {
            SeriesKey k = new SeriesKey(runId, p.name());
            MetricSeries s = series.get(k);
            if (s == null) {
                s = new MetricSeries(k);
                series.put(k, s);
                removed.remove(k);
                linesChanged = true;
            }
            s.append(p.step(), p.value());
        }
        markDirty();
    }

    void setSmoothing(double w) {
        double clamped = Math.clamp(w, 0, 0.999);
        if (clamped != weight) {
            weight = clamped;
            redrawAll();
        }
    }

    void setLogScale(boolean on) {
        if (on != log) {
            log = on;
            redrawAll();
        }
    }

    boolean logScale() {
        return log;
    }

    private void redrawAll() {
        series.values().forEach(MetricSeries::redraw);
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            onDirty.run();
        }
    }

    boolean isDirty() {
        return dirty;
    }

    /** Everything that changed since the last pulse, or null if nothing did. */
    Frame pulse() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        List<MetricSeries.Change> changes = new ArrayList<>();
        for (MetricSeries s : series.values()) {
            MetricSeries.Change c = s.flush(weight, log, maxPoints);
            if (c != null) {
                changes.add(c);
            }
        }
        List<MetricGroups.Chart> charts = visibleCharts();
        Frame f = new Frame(charts.equals(shownCharts) ? null : charts, linesChanged ? lines() : null,
                List.copyOf(removed), changes);
        shownCharts = charts;
        linesChanged = false;
        removed.clear();
        return f;
    }

    /** Charts with a line of at least two values (a figure reported once, like a count, is no chart). */
    List<MetricGroups.Chart> visibleCharts() {
        Set<MetricGroups.Chart> out = new TreeSet<>();
        for (MetricSeries s : series.values()) {
            if (s.size() >= 2) {
                out.add(MetricGroups.chartOf(s.key().metric()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every line's look. One run: a colour per line of a chart. Several runs: a colour per run, and the dash says
     * which figure (training solid, held-out dashed, a reward's min and max dotted), so the runs' lines of one
     * figure compare.
     */
    Map<SeriesKey, Line> lines() {
        Map<SeriesKey, Line> out = new LinkedHashMap<>();
        Map<String, Integer> perChart = new LinkedHashMap<>();
        List<SeriesKey> keys = new ArrayList<>(series.keySet());
        keys.sort(Comparator.comparingInt((SeriesKey k) -> runs.indexOf(k.runId()))
                .thenComparingInt(k -> k.metric().startsWith("train/") ? 0 : k.metric().startsWith("eval/") ? 1 : 2)
                .thenComparing(SeriesKey::metric));
        boolean overlay = runs.size() > 1;
        for (SeriesKey k : keys) {
            String lineName = MetricGroups.lineName(k.metric());
            if (overlay) {
                out.put(k, new Line("#" + k.runId() + " " + lineName, runs.indexOf(k.runId()), dash(k.metric())));
            } else {
                int n = perChart.merge(MetricGroups.chartOf(k.metric()).id(), 1, Integer::sum) - 1;
                out.put(k, new Line(lineName, n, Dash.SOLID));
            }
        }
        return out;
    }

    /** Training figures solid, held-out figures dashed, a reward's min and max dotted. */
    private static Dash dash(String metric) {
        String base = MetricGroups.base(metric);
        if (base.equals("min_reward") || base.equals("max_reward")) {
            return Dash.DOTTED;
        }
        return metric.startsWith("eval/") ? Dash.DASHED : Dash.SOLID;
    }

    /** How many values of a line arrived (0 for a line not charted). */
    int valuesOf(SeriesKey key) {
        MetricSeries s = series.get(key);
        return s == null ? 0 : s.size();
    }

    /** The lines of one chart, for export and tests. */
    List<MetricSeries> seriesOf(String chartId) {
        return series.values().stream().filter(s -> MetricGroups.chartOf(s.key().metric()).id().equals(chartId))
                .toList();
    }

    /** One chart's values as CSV: every value that arrived and, with smoothing on, the smoothed value. */
    String csv(String chartId) {
        StringBuilder b = new StringBuilder("run_id,metric,step,value,smoothed,smoothing\r\n");
        for (MetricSeries s : seriesOf(chartId)) {
            s.smooth(weight);
            for (int i = 0; i < s.size(); i++) {
                b.append(s.key().runId()).append(',').append(s.key().metric()).append(',').append(s.step(i))
                        .append(',').append(number(s.value(i))).append(',').append(number(s.smoothed(i)))
                        .append(',').append(number(weight)).append("\r\n");
            }
        }
        return b.toString();
    }

    /** An axis tick as a reader wants it: "2.5", "5", "3.0e-04", and a computed zero as "0". */
    static String tick(double v) {
        double a = Math.abs(v);
        if (a < 1e-12) {
            return "0"; // an axis at zero computed as 0.025 * k comes out as -6.9e-18
        }
        return a >= 1e5 || a < 1e-3 ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : "";
    }
}
