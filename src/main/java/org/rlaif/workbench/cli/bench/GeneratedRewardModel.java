package org.rlaif.workbench.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rlaif.workbench.training.TrainingEnvironment;

/**
 * A real ONNX reward model made in seconds by {@code bench/reward_model_fixture.py} (a seeded random Qwen2 reward
 * model, a byte-level BPE tokenizer, and pairs of generated text), in the layout a reward-model run leaves
 * (decision 22). The scoring benchmark and the scorer's tests use it, so neither needs a trained model.
 */
public final class GeneratedRewardModel {
    private static final long TIMEOUT_MINUTES = 20;

    private GeneratedRewardModel() {
    }

    /** The training environment's Python: {@code RLAIF_PYTHON}, else the app's own environment. */
    public static Path defaultPython() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return TrainingEnvironment.locate(data.resolve("rlaif-workbench"), null).python();
    }

    /**
     * Runs the script with {@code python} into {@code out}: {@code out/onnx/} (model.onnx, tokenizer.json,
     * scoring.json), {@code out/eval.jsonl}, and {@code out/scores.jsonl} unless {@code --no-scores} is among
     * {@code args} (see the script for the rest).
     */
    public static void build(Path python, Path out, List<String> args) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script(out, "reward_model_fixture.py").toString(),
                out.toString()));
        cmd.addAll(args);
        run(cmd, out);
    }

    /** Runs the script's second form: a copy of {@code model} with input {@code from} renamed {@code to}. */
    public static void renameInput(Path python, Path model, String from, String to, Path copy)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(copy.toAbsolutePath().getParent());
        run(List.of(python.toString(), script(dir, "reward_model_fixture.py").toString(), "--rename-input",
                model.toString(), from, to, copy.toString()), dir);
    }

    /** Copies the bench script {@code name} from the class path into {@code dir}; Python cannot run it from a jar. */
    static Path script(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = GeneratedRewardModel.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IOException("bench/" + name + " is missing from this build");
            }
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "fixture", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("the reward-model script took over " + TIMEOUT_MINUTES + " minutes: " + cmd);
            }
            if (p.exitValue() != 0) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                throw new IOException("the reward-model script failed (exit " + p.exitValue() + "): " + cmd + "\n"
                        + text.substring(Math.max(0, text.length() - 4000)));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
