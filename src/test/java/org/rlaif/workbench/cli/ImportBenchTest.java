package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import benchmark runs end to end on a small file and prints its figures (not a timing test). */
class ImportBenchTest {
    @TempDir
    Path dir;

    @Test
    void printsEachRoundAndTheMedians() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(new String[] {"bench", "import", "--pairs", "300", "--runs", "2",
                "--dir", dir.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(status).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("data: 300 pairs").contains("  round 1: workbench import ")
                .contains("  round 2: workbench import ").contains("pairs/s");
        assertThat(text).satisfiesAnyOf(
                t -> assertThat(t).contains("ratio: workbench takes").contains("median of 2 rounds")
                        .contains("that floor"),
                t -> assertThat(t).contains("sqlite3: not installed"));
        try (var left = Files.list(dir)) {
            assertThat(left.filter(p -> p.toString().endsWith(".rlaif") || p.toString().endsWith(".db")))
                    .as("projects and databases of the rounds are removed").isEmpty();
        }
    }
}
