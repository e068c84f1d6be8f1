package org.rlaif.workbench.training;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the stand-in trainer of the run-mechanism tests is, and a plain Python 3 to run it (no PyTorch needed). */
public final class FakeTrainer {
    private FakeTrainer() {
    }

    public static Path script() {
        try {
            return Path.of(FakeTrainer.class.getResource("/training/fake_trainer.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String python() {
        for (String candidate : new String[] {"/usr/bin/python3", "/usr/local/bin/python3"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "python3";
    }
}
