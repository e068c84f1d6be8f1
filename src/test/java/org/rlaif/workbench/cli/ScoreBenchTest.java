package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.training.GeneratedModels;

/** The scoring benchmark runs end to end on a small model and prints both sides' figures (not a timing test). */
class ScoreBenchTest {
    @TempDir
    Path dir;

    @Test
    void printsBothSidesTheRatioAndThatTheyAgree() throws Exception {
        Path python = GeneratedModels.python();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(new String[] {"bench", "score", "--pairs", "12", "--min-tokens", "16",
                "--max-tokens", "48", "--hidden", "32", "--layers", "1", "--heads", "2", "--batch", "4",
                "--threads", "1", "--rounds", "2", "--python", python.toString(), "--dir", dir.toString()},
                new PrintWriter(out), new PrintWriter(err));
        String text = out.toString();
        assertThat(status).as(text + err).isZero();
        assertThat(text).contains("machine: ").contains("data: 12 pairs = 24 sequences")
                .contains("reference: onnxruntime 1.").contains("  round 1: DJL ").contains("  round 2: DJL ")
                .contains("of which tokenizing").contains("median of 2 rounds: DJL ").contains("x onnxruntime");
        Matcher diff = Pattern.compile("largest difference between the two sides' rewards: (\\S+)").matcher(text);
        assertThat(diff.find()).as(text).isTrue();
        assertThat(Double.parseDouble(diff.group(1))).as("the same ONNX file scores the same").isLessThan(1e-4);
        assertThat(dir.resolve("onnx/model.onnx")).as("--dir keeps the model").exists();
        assertThat(Files.readAllLines(dir.resolve("onnxruntime-scores.jsonl"))).hasSize(12);
    }
}
