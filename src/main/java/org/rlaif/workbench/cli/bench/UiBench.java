package org.rlaif.workbench.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.rlaif.workbench.cli.JsonOutput;
import org.rlaif.workbench.cli.CliFailure;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.WindowBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The window on a generated project of a million pairs: launch to first page, filter and search to table updated,
 * and the longest JavaFX-thread stall while scrolling, importing and labeling. Goals: first page under 2 s, a
 * filter under 200 ms, no stall over 50 ms. Needs a display; on a server run it under {@code xvfb-run -a}.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, description = {"The window on a generated project (default 1,000,000 pairs x 4 labelers):",
        "launch to first page, filter/search to table updated, longest FX stall while scrolling, importing, labeling.",
        "Needs a display: on a server, xvfb-run -a java -jar rlaif-workbench.jar bench ui"})
public final class UiBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "1000000", description = "pairs in the generated project (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--labelers", defaultValue = "4", description = "labelers (default: ${DEFAULT-VALUE})")
    int labelers;

    @Option(names = "--import-pairs", defaultValue = "50000",
            description = "pairs in the file imported while the window runs; 0 skips that phase (default: ${DEFAULT-VALUE})")
    int importPairs;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "target/bench",
            description = "where the generated project is kept between runs (default: ${DEFAULT-VALUE})")
    Path cache;

    @Option(names = "--launches", defaultValue = "3",
            description = "fresh JVMs timed from launch to first page; the median is reported (default: ${DEFAULT-VALUE})")
    int launchRuns;

    @Option(names = "--phases", split = ",", paramLabel = "PHASE",
            description = "window phases to run, of filter, scroll, import, label (default: all)")
    List<String> phaseNames = List.of("filter", "scroll", "import", "label");
    private Set<WindowBenchmark.Phase> phases;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long jvmToMain = ManagementFactory.getRuntimeMXBean().getUptime();
        if (System.getenv("DISPLAY") == null && !"Monocle".equals(System.getProperty("glass.platform"))
                && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).matches(".*(win|mac).*")) {
            throw new CliFailure("bench ui opens the window and needs a display; run it under Xvfb:"
                    + " xvfb-run -a java -jar target/rlaif-workbench.jar bench ui");
        }
        phases = EnumSet.noneOf(WindowBenchmark.Phase.class);
        for (String name : phaseNames) {
            try {
                phases.add(WindowBenchmark.Phase.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--phases: no phase '" + name + "'; choose from filter, scroll, import, label");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        Path original = generated(err);
        List<Long> launches = new java.util.ArrayList<>();
        for (int i = 0; i < launchRuns; i++) {
            launches.add(launchInChildProcess(original));
            err.printf("  launch %d: JVM start to first page of pairs shown: %,d ms%n", i + 1, launches.get(i));
        }
        Path work = Files.createTempDirectory("rlaif-bench-ui");
        Path copy = work.resolve(original.getFileName());
        err.println("copying the project (the benchmark writes to its copy)…");
        Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
        // a launch that ended by exiting leaves its last commits (a migration, a summary catch-up) in the WAL
        Path wal = Path.of(original + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, Path.of(copy + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        // on disk before the timing starts: otherwise the kernel writes the 1.3 GB back while the window is measured
        for (Path p : new Path[] {copy, Path.of(copy + "-wal")}) {
            if (Files.exists(p)) {
                try (var ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
        Path importFile = importPairs > 0 && phases.contains(WindowBenchmark.Phase.IMPORT)
                ? importFile(work.resolve("import.jsonl")) : null;
        try {
            err.printf("window phases on %s (%,d pairs x %d labelers):%n", copy.getFileName(), pairs, labelers);
            List<WindowBenchmark.Figure> figures = new java.util.ArrayList<>();
            if (!launches.isEmpty()) {
                figures.add(new WindowBenchmark.Figure("launch: `java -jar`, JVM start to first page of pairs shown"
                        + " (median of " + launches.size() + ", fresh JVM each)",
                        launches.stream().sorted().toList().get(launches.size() / 2), "ms"));
            }
            figures.addAll(new WindowBenchmark(copy, importFile, phases, err::println).run());
            report(figures, jvmToMain, original);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(copy + suffix));
            }
            if (importFile != null) {
                Files.deleteIfExists(importFile);
            }
            Files.deleteIfExists(work);
        }
        return 0;
    }

    /**
     * Starts the window the way a user does ({@code java -jar}, no command) on {@code project} in a fresh JVM,
     * with throw-away settings, and returns its own report of when the first page was on screen.
     */
    private static long launchInChildProcess(Path project) throws IOException, InterruptedException {
        Path settings = Files.createTempFile("rlaif-bench-settings", ".json");
        Files.writeString(settings, "{\"firstRunDone\": true, \"window\": {\"x\": 0, \"y\": 0, \"width\": 1440,"
                + " \"height\": 900, \"maximized\": false}}");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + org.rlaif.workbench.ui.WorkbenchApp.PROBE_PROPERTY + "=true",
                "-D" + org.rlaif.workbench.ui.WorkbenchApp.OPEN_PROPERTY + "=" + project.toAbsolutePath(),
                "-Drlaif.settings=" + settings, "-cp", System.getProperty("java.class.path"),
                "org.rlaif.workbench.Launcher").redirectErrorStream(true).start();
        long result = -1;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("first-page-ms=")) {
                    result = Long.parseLong(line.substring("first-page-ms=".length()).strip());
                }
            }
        }
        p.waitFor();
        Files.deleteIfExists(settings);
        for (String suffix : new String[] {"", ".broken", ".tmp"}) {
            Files.deleteIfExists(Path.of(settings + suffix));
        }
        if (result < 0) {
            throw new CliFailure("the window did not report its first page (exit status " + p.exitValue() + ")");
        }
        return result;
    }

    private Path generated(PrintWriter err) throws IOException {
        Path file = cache.resolve("ui-" + pairs + "x" + labelers + ".rlaif");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(cache);
        Path tmp = cache.resolve(file.getFileName() + ".building");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(tmp + suffix));
        }
        long t = System.nanoTime();
        err.printf("generating %,d pairs x %d labelers into %s (once; kept for later runs)…%n", pairs, labelers, file);
        try (ProjectStore store = ProjectStore.open(tmp)) {
            new SyntheticProject(pairs, labelers, 42).writeTo(store, n -> {
                if (n % 100_000 == 0) {
                    err.printf("  %,d pairs%n", n);
                }
            });
            err.println("  summarising labels and indexing texts…");
            store.write(c -> new PairSummaries().catchUp(c));
            store.write(c -> store.searchIndex().catchUp(c));
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        err.printf("  done in %.0f s%n", (System.nanoTime() - t) / 1e9);
        return file;
    }

    /** A TRL file of new pairs (a fresh seed each run, so the import is never a repeat). */
    private Path importFile(Path file) throws IOException {
        SplittableRandom rnd = new SplittableRandom(System.nanoTime());
        String[] words = {"river", "garden", "engine", "letter", "winter", "bridge", "market", "planet", "signal"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < importPairs; i++) {
                String topic = words[rnd.nextInt(words.length)] + " " + words[rnd.nextInt(words.length)];
                long tag = rnd.nextLong();
                w.write("{\"prompt\": \"Explain the " + topic + " problem (case " + tag + ")\", \"chosen\": \"A careful"
                        + " answer about the " + topic + " that covers the main points step by step.\", \"rejected\":"
                        + " \"Not sure about the " + topic + ".\"}\n");
            }
        }
        return file;
    }

    private void report(List<WindowBenchmark.Figure> figures, long jvmToMain, Path project) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        double launch = value(figures, "launch: `java -jar`");
        double worstFilter = figures.stream().filter(f -> f.name().startsWith("filter:"))
                .mapToDouble(WindowBenchmark.Figure::value).max().orElse(Double.NaN);
        // the goal's phases: filtering has its own goal (the time to the table updated), which includes its frames
        double worstStall = figures.stream().filter(f -> f.name().startsWith("longest FX stall while")
                        && !f.name().startsWith("longest FX stall while filtering"))
                .mapToDouble(WindowBenchmark.Figure::value).max().orElse(Double.NaN);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pairs", pairs);
            m.put("labelers", labelers);
            m.put("project_bytes", Files.size(project));
            m.put("jvm_start_to_main_ms", jvmToMain);
            m.put("machine", Machine.describe());
            Map<String, Double> f = new LinkedHashMap<>();
            figures.forEach(x -> f.put(x.name(), Math.round(x.value() * 10) / 10.0));
            m.put("figures_ms", f);
            m.put("goals", Map.of("first_page_ms", 2000, "filter_ms", 200, "stall_ms", 50));
            JsonOutput.print(out, m);
            return;
        }
        out.printf(Locale.ROOT, "machine: %s%n", Machine.describe());
        out.printf(Locale.ROOT, "UI benchmark: %,d pairs x %d labelers (%,d MB project)%n", pairs, labelers,
                Files.size(project) >> 20);
        for (WindowBenchmark.Figure f : figures) {
            out.printf(Locale.ROOT, "  %-78s %8.1f %s%n", f.name(), f.value(), f.unit());
        }
        out.printf(Locale.ROOT, "  %-78s %8d ms%n", "(JVM start to the bench command's main)", jvmToMain);
        out.printf(Locale.ROOT, "goals: first page %.0f ms (< 2,000: %s), slowest filter %.0f ms (< 200: %s),"
                        + " longest stall while scrolling/flinging/dragging/importing/labeling %.0f ms (< 50: %s)%n",
                launch, pass(launch < 2000), worstFilter, pass(worstFilter < 200), worstStall, pass(worstStall < 50));
        out.println("(a stall is the longest gap between two frames: JavaFX-thread work, painting, GC and waiting for a"
                + " CPU together; the pulse lines split the worst frame of each phase into JavaFX-thread work and"
                + " painting, which without a GPU is software rasterising)");
    }

    private static String pass(boolean ok) {
        return ok ? "met" : "MISSED";
    }

    private static double value(List<WindowBenchmark.Figure> figures, String prefix) {
        return figures.stream().filter(f -> f.name().startsWith(prefix)).mapToDouble(WindowBenchmark.Figure::value)
                .findFirst().orElse(Double.NaN);
    }
}
