package org.rlaif.workbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.training.RewardModelScorer;
import org.rlaif.workbench.training.RewardModelScorer.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reward-model scoring in the app (DJL, ONNX Runtime engine, DJL's Hugging Face tokenizer) against onnxruntime and
 * {@code tokenizers} in Python on the same ONNX file, pairs, batch size, chunking and thread count, side by side in
 * one run: pairs/s from the texts to the rewards, tokenizing included, after the same warm-up on each side; rounds
 * alternate which side goes first, and the median round is reported. The model is a random Qwen2 reward model made
 * by {@code bench/reward_model_fixture.py} (no download); the rewards of the two sides are compared too.
 */
@Command(name = "score", mixinStandardHelpOptions = true, description = {
        "Reward-model scoring: DJL in the app against onnxruntime in Python, same ONNX file, pairs, batch size and",
        "threads, pairs/s side by side (needs the training environment's Python to build the model)."})
public final class ScoreBench implements Callable<Integer> {
    /** What to measure; {@link #defaults()} is what the command runs without options. */
    public record Options(int pairs, int minTokens, int maxTokens, int hidden, int layers, int heads, int batch,
                          int threads, int rounds, Path python, Path dir) {
        public static Options defaults() {
            return new Options(1000, 128, 256, 256, 4, 4, 16, 0, 5, null, null);
        }
    }

    /** Tiny batches each side scores before the rounds (JIT compilation of the Java side's per-batch path). */
    static final int WARM_UP_BATCHES = 2000;

    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "1000", description = "pairs to score per round (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--min-tokens", defaultValue = "128", description = "shortest prompt + response, tokens (default: ${DEFAULT-VALUE})")
    int minTokens;

    @Option(names = "--max-tokens", defaultValue = "256", description = "longest prompt + response, tokens; also max_length (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--hidden", defaultValue = "256", description = "model width (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "model layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "attention heads (default: ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--batch", defaultValue = "16", description = "sequences per forward pass, both sides (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads, both sides; 0: its default, one per physical core (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds of each side after the warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--python", paramLabel = "EXE", description = "Python with torch, transformers, onnx, onnxruntime, tokenizers (default: the training environment's)")
    Path python;

    @Option(names = "--dir", paramLabel = "DIR", description = "build the model and keep it here (default: a temporary folder, deleted)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        return run(new Options(pairs, minTokens, maxTokens, hidden, layers, heads, batch, threads, rounds, python,
                dir), spec.commandLine().getOut());
    }

    /** Runs the benchmark, printing as it goes; 0 when both sides ran, 1 when one could not. */
    public static int run(Options o, PrintWriter out) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "machine: %s%n", Machine.describe());
        Path exe = o.python() != null ? o.python() : GeneratedRewardModel.defaultPython();
        if (!Files.isExecutable(exe)) {
            out.println("not run: no Python at " + exe + " (make the training environment with"
                    + " `rlaif-workbench train-env`, or pass --python EXE)");
            return 1;
        }
        boolean temporary = o.dir() == null;
        Path work = temporary ? Files.createTempDirectory("rlaif-bench-score") : Files.createDirectories(o.dir());
        try {
            return measure(o, exe, work, out);
        } finally {
            if (temporary) {
                BenchFiles.delete(work);
            } else {
                out.println("model and pairs kept in " + work);
            }
            out.flush();
        }
    }

    private static int measure(Options o, Path exe, Path work, PrintWriter out)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        GeneratedRewardModel.build(exe, work, List.of("--hidden", str(o.hidden()), "--layers", str(o.layers()),
                "--heads", str(o.heads()), "--vocab", "4096", "--pairs", str(o.pairs()), "--min-tokens",
                str(o.minTokens()), "--max-tokens", str(o.maxTokens()), "--max-length", str(o.maxTokens()),
                "--no-scores"));
        Path onnx = work.resolve("onnx");
        Path pairsFile = work.resolve("eval.jsonl");
        List<Text> texts = texts(pairsFile);
        out.printf(Locale.ROOT, "model: random Qwen2 reward model, hidden %d, %d layers, %d heads, model.onnx %.1f MB;"
                        + " built in %.0f s%n", o.hidden(), o.layers(), o.heads(),
                Files.size(onnx.resolve("model.onnx")) / 1e6, seconds(t0));
        out.flush();

        try (RewardModelScorer scorer = RewardModelScorer.open(onnx,
                new RewardModelScorer.Settings(o.batch(), o.threads()));
             ReferenceProcess python = ReferenceProcess.start(exe, work, onnx, pairsFile, o)) {
            int[] lengths = Arrays.stream(scorer.tokenIds(texts)).mapToInt(ids -> ids.length).sorted().toArray();
            out.printf(Locale.ROOT, "data: %,d pairs = %,d sequences of %d-%d tokens (median %d), batch %d,"
                            + " intra-op threads %s, tokenizing included%n", texts.size() / 2, texts.size(),
                    lengths[0], lengths[lengths.length - 1], lengths[lengths.length / 2], o.batch(),
                    o.threads() == 0 ? "ONNX Runtime's default" : str(o.threads()));
            out.printf(Locale.ROOT, "reference: onnxruntime %s in %s%n", python.version(), exe);
            out.flush();

            // warm-up, as the Python side did before it said ready: a full pass, then many tiny batches, which bring
            // the JVM's per-batch path to compiled code whatever the model's size
            float[] djl = scorer.scoreAll(texts);
            scorer.scoreAll(Collections.nCopies(o.batch() * WARM_UP_BATCHES, new Text("", "")));
            Rounds rounds = new Rounds(o.rounds());
            for (int r = 0; r < o.rounds(); r++) {
                // alternate who goes first, so that a busy spell of the machine hurts both sides alike
                if (r % 2 == 1) {
                    rounds.theirs[r] = python.timed("round");
                }
                Timing ours = Timing.start();
                djl = scorer.scoreAll(texts);
                rounds.ours[r] = ours.stop();
                if (r % 2 == 0) {
                    rounds.theirs[r] = python.timed("round");
                }
                int half = texts.size() / 2;
                out.printf(Locale.ROOT, "  round %d: DJL %,.1f pairs/s (%,.1f per CPU second), onnxruntime (Python)"
                                + " %,.1f pairs/s (%,.1f per CPU second)%n", r + 1, half / rounds.ours[r].wall(),
                        half / rounds.ours[r].cpu(), half / rounds.theirs[r].wall(), half / rounds.theirs[r].cpu());
                out.flush();
            }
            Seconds[] tokenizing = tokenizingAlone(scorer, texts, python);
            out.printf(Locale.ROOT, "of which tokenizing every text as one batch (median of 3): DJL %.2f s"
                            + " (%.2f CPU s), Python tokenizers %.2f s (%.2f CPU s)%n", tokenizing[0].wall(),
                    tokenizing[0].cpu(), tokenizing[1].wall(), tokenizing[1].cpu());
            float[] reference = python.finish();
            rounds.print(out, texts.size() / 2);
            out.printf(Locale.ROOT, "largest difference between the two sides' rewards: %.2e%n",
                    maxDifference(djl, reference));
        }
        return 0;
    }

    /** Seconds to tokenize every text once, DJL and then Python: the part of a round that is not the model. */
    private static Seconds[] tokenizingAlone(RewardModelScorer scorer, List<Text> texts, ReferenceProcess python)
            throws IOException {
        Seconds[] ours = new Seconds[3];
        Seconds[] theirs = new Seconds[3];
        for (int r = 0; r < 3; r++) {
            Timing t = Timing.start();
            scorer.tokenIds(texts);
            ours[r] = t.stop();
            theirs[r] = python.timed("tokenize");
        }
        return new Seconds[] {Seconds.median(ours), Seconds.median(theirs)};
    }

    /** Wall-clock and CPU seconds (the whole process, every thread) of one measurement. */
    record Seconds(double wall, double cpu) {
        static Seconds median(Seconds[] values) {
            return new Seconds(ScoreBench.median(Arrays.stream(values).mapToDouble(Seconds::wall).toArray()),
                    ScoreBench.median(Arrays.stream(values).mapToDouble(Seconds::cpu).toArray()));
        }
    }

    /** A measurement under way in this process. */
    private record Timing(long wallStart, long cpuStart) {
        static Timing start() {
            return new Timing(System.nanoTime(), processCpuNanos());
        }

        Seconds stop() {
            return new Seconds((System.nanoTime() - wallStart) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
        }

        private static long processCpuNanos() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }
    }

    /** Both sides' rounds, and what they add up to. */
    private static final class Rounds {
        final Seconds[] ours;
        final Seconds[] theirs;

        Rounds(int n) {
            ours = new Seconds[n];
            theirs = new Seconds[n];
        }

        void print(PrintWriter out, int pairs) {
            double[] wall = new double[ours.length];
            double[] cpu = new double[ours.length];
            for (int r = 0; r < ours.length; r++) {
                wall[r] = theirs[r].wall() / ours[r].wall();
                cpu[r] = theirs[r].cpu() / ours[r].cpu();
            }
            Seconds mine = Seconds.median(ours);
            Seconds reference = Seconds.median(theirs);
            out.printf(Locale.ROOT, "median of %d rounds: DJL %,.1f pairs/s, onnxruntime (Python) %,.1f pairs/s:"
                            + " DJL is %.2fx onnxruntime (median of the rounds' ratios; goal: at least 1x)%n",
                    ours.length, pairs / mine.wall(), pairs / reference.wall(), median(wall));
            out.printf(Locale.ROOT, "  per CPU second (less sensitive to a busy machine): DJL %,.1f pairs,"
                            + " onnxruntime (Python) %,.1f pairs: %.2fx%n", pairs / mine.cpu(),
                    pairs / reference.cpu(), median(cpu));
        }
    }

    private static List<Text> texts(Path pairsFile) throws IOException {
        List<Text> texts = new ArrayList<>();
        for (String line : Files.readAllLines(pairsFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode pair = Json.mapper().readTree(line);
                String prompt = pair.get("prompt").asText();
                texts.add(new Text(prompt, pair.get("response_a").asText()));
                texts.add(new Text(prompt, pair.get("response_b").asText()));
            }
        }
        return texts;
    }

    private static double maxDifference(float[] a, float[] b) {
        double worst = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String str(int value) {
        return Integer.toString(value);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code bench/score_bench.py}, kept running between rounds so that its start-up is not timed. */
    private static final class ReferenceProcess implements AutoCloseable {
        private final Process process;
        private final BufferedReader answers;
        private final Writer commands;
        private final Path scores;
        private final String version;

        private ReferenceProcess(Process process, Path scores) throws IOException {
            this.process = process;
            this.scores = scores;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.version = answer("ready").get("onnxruntime").asText();
        }

        static ReferenceProcess start(Path python, Path work, Path onnx, Path pairs, Options o) throws IOException {
            Path script = GeneratedRewardModel.script(work, "score_bench.py");
            Path scores = work.resolve("onnxruntime-scores.jsonl");
            Process p = new ProcessBuilder(python.toString(), script.toString(), onnx.toString(), pairs.toString(),
                    scores.toString(), "--batch", str(o.batch()), "--threads", str(o.threads()),
                    "--warm-up-batches", str(WARM_UP_BATCHES))
                    .redirectError(work.resolve("score_bench.log").toFile()).start();
            try {
                return new ReferenceProcess(p, scores);
            } catch (IOException | RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
        }

        String version() {
            return version;
        }

        /** Seconds the Python side took for {@code command} ({@code round} or {@code tokenize}). */
        Seconds timed(String command) throws IOException {
            commands.write(command + "\n");
            commands.flush();
            JsonNode answer = answer("seconds");
            return new Seconds(answer.get("seconds").asDouble(), answer.get("cpu_seconds").asDouble());
        }

        /** Ends the process and returns its last round's rewards (A then B of each pair). */
        float[] finish() throws IOException, InterruptedException {
            commands.write("quit\n");
            commands.flush();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("score_bench.py did not end cleanly");
            }
            List<Float> rewards = new ArrayList<>();
            for (String line : Files.readAllLines(scores)) {
                JsonNode row = Json.mapper().readTree(line);
                rewards.add(row.get("reward_a").floatValue());
                rewards.add(row.get("reward_b").floatValue());
            }
            float[] out = new float[rewards.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rewards.get(i);
            }
            return out;
        }

        private JsonNode answer(String field) throws IOException {
            String line = answers.readLine();
            JsonNode node = line == null ? null : Json.mapper().readTree(line);
            if (node == null || !node.has(field)) {
                throw new IOException("score_bench.py stopped without answering (its log: score_bench.log): " + line);
            }
            return node;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
