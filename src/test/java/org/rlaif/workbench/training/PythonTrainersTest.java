package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python trainers' own tests (pytest, src/test/python), run by the one test command as part of the Java suite:
 * the trainers ship inside the app, so a failure there is a failure of the build. Their output goes to this test's
 * output, and the summary line is in the assertion message.
 */
class PythonTrainersTest {
    @Test
    void theTrainersPytestSuitePasses() throws IOException, InterruptedException {
        TrainingEnvironment env = TrainingEnvironmentForTests.require();
        Path log = Files.createTempFile("pytest", ".log");
        ProcessBuilder pb = new ProcessBuilder(env.python().toString(), "-m", "pytest", "src/test/python", "-q",
                "-p", "no:cacheprovider", "-rs")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PYTHONPATH", Path.of("src/main/python").toAbsolutePath().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        boolean ended = p.waitFor(30, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.forEach(System.out::println);
        Files.deleteIfExists(log);
        String summary = lines.isEmpty() ? "(no output)" : lines.getLast();
        assertThat(ended).as("pytest ended within 30 minutes").isTrue();
        assertThat(p.exitValue()).as("pytest: " + summary).isZero();
    }
}
