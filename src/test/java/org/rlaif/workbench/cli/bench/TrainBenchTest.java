package org.rlaif.workbench.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.cli.WorkbenchCommand;

/**
 * {@code bench train --part rl} runs the trainers' RL benchmark and prints its report as it comes; a Python of the
 * test's own stands in for the training environment and says what it was asked (the benchmark itself is timed by the
 * trainers' pytest suite at toy size, and by hand on a quiet machine).
 */
class TrainBenchTest {
    @TempDir
    Path dir;

    @Test
    void theRlPartIsAskedForAndItsReportPrinted() throws IOException {
        Path python = dir.resolve("python");
        Files.writeString(python, """
                #!/bin/sh
                echo "asked: $*"
                echo "RL: tiny Qwen2 policy, float32, 4 prompts x 4 completions of 32 tokens per step, 8 timed steps"
                echo "  ratio                                     0.90x  (goal: at least 0.80x)"
                """);
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(new String[] {"bench", "train", "--part", "rl", "--python",
                python.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("asked: -m rlaif_trainers.bench --part rl")
                .contains("RL: tiny Qwen2 policy").contains("(goal: at least 0.80x)");
    }
}
