package org.rlaif.workbench.training;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.rlaif.workbench.cli.bench.BenchFiles;
import org.rlaif.workbench.cli.bench.GeneratedRewardModel;
import org.rlaif.workbench.io.Json;

/**
 * The tiny ONNX reward model of {@code bench/reward_model_fixture.py}, built once per test JVM with the training
 * environment's Python. Without that environment the tests that need it are skipped with a message, unless
 * {@code RLAIF_REQUIRE_TRAINING=1} (CI) says it must be there: then they fail.
 */
public final class GeneratedModels {
    static final String REQUIRE = "RLAIF_REQUIRE_TRAINING";
    private static Path tiny;

    private GeneratedModels() {
    }

    public static Path python() {
        Path python = GeneratedRewardModel.defaultPython();
        if (!Files.isExecutable(python)) {
            String why = "no training environment at " + python + " (make it with `rlaif-workbench train-env`, or"
                    + " set RLAIF_PYTHON)";
            if ("1".equals(System.getenv(REQUIRE))) {
                fail(REQUIRE + "=1 but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        return python;
    }

    /** The model folder (with {@code onnx/}, {@code eval.jsonl}, {@code scores.jsonl}); shared, do not change it. */
    static synchronized Path tiny() throws IOException, InterruptedException {
        Path python = python();
        if (tiny == null) {
            Path dir = Files.createTempDirectory("rlaif-tiny-rm");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    BenchFiles.delete(dir);
                } catch (IOException leftBehind) {
                    // a temporary folder left behind is no test failure
                }
            }));
            GeneratedRewardModel.build(python, dir, List.of("--pairs", "24", "--max-tokens", "100",
                    "--max-length", "96"));
            tiny = dir;
        }
        return tiny;
    }

    static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(Json.mapper().readTree(line));
            }
        }
        return rows;
    }

    /** A copy of the tiny model's onnx/ folder that a test may change. */
    static Path copyOnnx(Path target) throws IOException, InterruptedException {
        Path source = tiny().resolve("onnx");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
