package org.rlaif.workbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.PairwiseAlignment;
import org.rlaif.workbench.metrics.ReportOptions;
import org.rlaif.workbench.store.LabelTableLoader;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The metrics benchmark of issue 3: the full report (every metric, 1,000 bootstrap resamples) over a million pairs
 * and 12 labelers generated in memory, timed cold and warm, next to the same computation in numpy + scikit-learn on
 * the same data; optionally the time to load that data from a real project file.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Time the full alignment report over generated labels (default 1,000,000 pairs x 12 labelers),"
                + " next to an equal numpy + scikit-learn computation on the same data when python3 has them;"
                + " optionally the loader on a real project file.")
public final class MetricsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "1000000", paramLabel = "N", description = "pairs to generate (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "timed runs after the first (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "data seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--python", paramLabel = "EXE", description = "python3 with numpy and scikit-learn (default: python3, then /usr/bin/python3)")
    String python;

    @Option(names = "--no-python", description = "skip the numpy + scikit-learn comparison")
    boolean noPython;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "write the arrays for the Python script here and keep them (default: a temporary folder, deleted)")
    Path dataDir;

    @Option(names = "--sqlite", paramLabel = "FILE", description = "also time loading the labels from this project file; it is written first when it does not exist")
    Path sqlite;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("metrics benchmark: %d cores, JDK %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        LabelTable table = SyntheticLabels.generate(pairs, seed);
        out.printf("data: %,d pairs x %d labelers, %,d labels (every sample and order), generated in %.2f s%n",
                table.pairCount(), table.labelerCount(), table.labelCount(), seconds(t0));
        out.flush();

        ReportOptions options = ReportOptions.defaults();
        double[] times = new double[runs + 1];
        double[] cpu = new double[runs + 1];
        AlignmentReport report = null;
        for (int r = 0; r <= runs; r++) {
            long c = processCpuNanos();
            long s = System.nanoTime();
            report = AlignmentReport.compute(table, options);
            report.verdicts().disputed(100); // the head of the review queue belongs to the report
            times[r] = seconds(s);
            cpu[r] = (processCpuNanos() - c) / 1e9;
        }
        double[] warm = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(warm);
        double[] warmCpu = Arrays.copyOfRange(cpu, 1, cpu.length);
        Arrays.sort(warmCpu);
        out.printf("full report (%d bootstrap resamples, %d pairwise comparisons, top 100 disputed pairs): first run %.3f s; next %d runs:"
                        + " median %.3f s, best %.3f s%n", options.resamples(), report.pairwise().size(), times[0],
                runs, warm.length == 0 ? times[0] : warm[warm.length / 2], warm.length == 0 ? times[0] : warm[0]);
        out.printf("  CPU time of the process per report (all threads, JIT and GC included): first %.3f s, median %.3f s;"
                + " load average now %.1f%n", cpu[0], warmCpu.length == 0 ? cpu[0] : warmCpu[warmCpu.length / 2],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long s = System.nanoTime();
        int slices = AlignmentReport.slices(table, table.groups(LabelTable.TASK), options).size();
        out.printf("sliced by task (%d slices, every metric per slice): %.3f s%n", slices, seconds(s));
        double javaSeconds = warm.length == 0 ? times[0] : warm[warm.length / 2];
        out.flush();

        if (!noPython) {
            comparePython(out, table, report, javaSeconds);
        }
        if (sqlite != null) {
            timeLoader(out, table, report, options);
        }
        return 0;
    }

    private void comparePython(PrintWriter out, LabelTable table, AlignmentReport report, double javaSeconds)
            throws IOException, InterruptedException {
        String exe = findPython();
        if (exe == null) {
            out.println("numpy + scikit-learn: not run; no python3 with numpy and scikit-learn found"
                    + " (Debian: apt-get install python3-sklearn; or pass --python EXE)");
            return;
        }
        Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("rlaif-metrics-bench");
        try {
            writeArrays(dir, table);
            Path script = dir.resolve("metrics_bench.py");
            try (InputStream in = MetricsBench.class.getResourceAsStream("/bench/metrics_bench.py")) {
                Files.copy(in, script);
            }
            ProcessBuilder pb = new ProcessBuilder(exe, script.toString(), dir.toString(),
                    Integer.toString(ReportOptions.defaults().resamples()));
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            byte[] answer = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("numpy + scikit-learn: the script failed (exit " + p.exitValue() + ")");
                return;
            }
            JsonNode py = Json.mapper().readTree(new String(answer, StandardCharsets.UTF_8));
            double pySeconds = py.get("seconds").asDouble();
            out.printf("numpy %s + scikit-learn %s (%s), same data and metrics: %.2f s -> Java is %.1fx faster%n",
                    py.get("numpy").asText(), py.get("sklearn").asText(), exe, pySeconds, pySeconds / javaSeconds);
            out.printf("  of which scikit-learn cohen_kappa_score (%d calls): %.2f s%n",
                    py.get("kappa_calls").asInt(), py.get("kappa_seconds").asDouble());
            out.printf("  largest difference from Java: agreement %.2e, kappa %.2e, pairwise kappa %.2e, alpha %.2e, ECE %.2e%n",
                    maxDiff(report, py, "agreement"), maxDiff(report, py, "kappa"), pairwiseDiff(report, py),
                    Math.abs(report.krippendorffAlpha().all() - py.get("alpha_all").asDouble()), eceDiff(report, py));
        } finally {
            if (dataDir == null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            } else {
                out.println("  data and script kept in " + dataDir);
            }
        }
    }

    private String findPython() throws InterruptedException {
        List<String> candidates = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
        for (String exe : candidates) {
            try {
                Process p = new ProcessBuilder(exe, "-c", "import numpy, sklearn").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return exe;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        return null;
    }

    private static double maxDiff(AlignmentReport report, JsonNode py, String field) {
        double worst = 0;
        for (LabelerAlignment l : report.labelers()) {
            JsonNode v = py.get(field).get(l.name());
            Double mine = l.agreement() == null ? null
                    : field.equals("agreement") ? l.agreement().value() : l.agreement().cohenKappa();
            if (v != null && !v.isNull() && mine != null) {
                worst = Math.max(worst, Math.abs(mine - v.asDouble()));
            }
        }
        return worst;
    }

    private static double pairwiseDiff(AlignmentReport report, JsonNode py) {
        double worst = 0;
        JsonNode kappas = py.get("pairwise_kappa");
        int i = 0;
        for (PairwiseAlignment p : report.pairwise()) {
            JsonNode v = kappas.get(i++);
            if (!v.isNull() && p.agreement().cohenKappa() != null) {
                worst = Math.max(worst, Math.abs(p.agreement().cohenKappa() - v.asDouble()));
            }
        }
        return worst;
    }

    private static double eceDiff(AlignmentReport report, JsonNode py) {
        double worst = 0;
        for (LabelerAlignment l : report.labelers()) {
            JsonNode v = py.get("ece").get(l.name());
            if (v != null && !v.isNull() && l.calibration() != null) {
                worst = Math.max(worst, Math.abs(l.calibration().ece() - v.asDouble()));
            }
        }
        return worst;
    }

    /** The table's arrays as raw little-endian files, plus a JSON description, for the Python script. */
    private static void writeArrays(Path dir, LabelTable t) throws IOException {
        int n = t.pairCount();
        int m = t.labelCount();
        ByteBuffer starts = buffer(4L * (n + 1));
        ByteBuffer lens = buffer(8L * n);
        for (int p = 0; p < n; p++) {
            starts.putInt(t.labelStart(p));
            lens.putInt(t.lengthA(p)).putInt(t.lengthB(p));
        }
        starts.putInt(m);
        ByteBuffer labeler = buffer(2L * m);
        ByteBuffer sample = buffer(2L * m);
        ByteBuffer order = buffer(m);
        ByteBuffer choice = buffer(m);
        ByteBuffer pa = buffer(4L * m);
        for (int i = 0; i < m; i++) {
            labeler.putShort((short) t.labelerOf(i));
            sample.putShort((short) t.sampleOf(i));
            order.put(t.orderOf(i));
            choice.put(t.choiceOf(i));
            pa.putFloat((float) t.probabilityAOf(i));
        }
        write(dir.resolve("label_start.i32"), starts);
        write(dir.resolve("lengths.i32"), lens);
        write(dir.resolve("labeler.i16"), labeler);
        write(dir.resolve("sample.i16"), sample);
        write(dir.resolve("order.i8"), order);
        write(dir.resolve("choice.i8"), choice);
        write(dir.resolve("p_a.f32"), pa);
        List<Map<String, Object>> labelers = new ArrayList<>();
        t.labelers().forEach(l -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", l.name());
            o.put("kind", l.kind());
            o.put("params", l.params());
            labelers.add(o);
        });
        Files.writeString(dir.resolve("labelers.json"), Json.mapper().writeValueAsString(labelers));
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too large for one buffer: " + bytes + " bytes");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void write(Path file, ByteBuffer data) throws IOException {
        data.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }
    }

    private void timeLoader(PrintWriter out, LabelTable table, AlignmentReport report, ReportOptions options) {
        if (!Files.exists(sqlite)) {
            long s = System.nanoTime();
            BenchProject.write(sqlite, table);
            out.printf("wrote %s (%,d pairs, %,d labels) in %.1f s; texts are placeholders, lengths set directly%n",
                    sqlite, table.pairCount(), table.labelCount(), seconds(s));
            out.flush();
        }
        try (ProjectStore store = ProjectStore.open(sqlite)) {
            LabelTableLoader loader = new LabelTableLoader();
            double best = Double.MAX_VALUE;
            LabelTable loaded = null;
            for (int r = 0; r < 3; r++) {
                long s = System.nanoTime();
                loaded = loader.load(store);
                double took = seconds(s);
                best = Math.min(best, took);
                out.printf("load labels in force from %s, run %d: %.2f s (%,d pairs, %,d labels)%n",
                        sqlite.getFileName(), r + 1, took, loaded.pairCount(), loaded.labelCount());
                out.flush();
            }
            out.printf("loader: best %.2f s = %,.0f labels/s%n", best, loaded.labelCount() / best);
            AlignmentReport again = AlignmentReport.compute(loaded, options);
            boolean same = again.labelers().size() == report.labelers().size();
            for (int i = 0; same && i < report.labelers().size(); i++) {
                LabelerAlignment a = report.labelers().get(i);
                LabelerAlignment b = again.labeler(a.name()); // the project lists humans first, then by name
                same = a.labels() == b.labels() && a.failed() == b.failed() && java.util.Objects.equals(
                        a.agreement() == null ? null : a.agreement().confusion(),
                        b.agreement() == null ? null : b.agreement().confusion());
            }
            out.println("report from the project file equals the in-memory one: " + (same ? "yes" : "NO"));
        }
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
