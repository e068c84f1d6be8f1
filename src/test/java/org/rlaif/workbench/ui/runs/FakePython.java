package org.rlaif.workbench.ui.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.rlaif.workbench.training.FakeTrainer;
import org.rlaif.workbench.training.TrainingEnvironment;

/**
 * A training environment whose "Python" is a script: it answers the environment check as a ready environment and
 * runs the stand-in trainer ({@code fake_trainer.py stream}) for any trainer module, passing the spec along. The
 * window's launch path (check, prepare, run, stop) is then the real one, and a run takes seconds without PyTorch.
 */
final class FakePython {
    private FakePython() {
    }

    /** An environment in {@code dir} whose trainer reports {@code steps} steps, {@code pauseMs} apart. */
    static TrainingEnvironment environment(Path dir, int steps, int pauseMs) throws IOException {
        Path script = dir.resolve("python");
        String check = "{\"ok\": true, \"python\": {\"version\": \"3.11\", \"ok\": true, \"required\": \"3.10\"},"
                + " \"device\": {\"type\": \"cpu\", \"threads\": 2}, \"packages\": {\"torch\": {\"required\":"
                + " \"2.13.0\", \"installed\": \"2.13.0+cpu\", \"state\": \"ok\"}}, \"missing\": [], \"too_old\": []}";
        Files.writeString(script, "#!/bin/sh\ncase \"$*\" in\n  *env_check*) printf '%s\\n' '" + check + "' ;;\n"
                + "  *) exec " + FakeTrainer.python() + " " + FakeTrainer.script() + " stream " + steps + " " + pauseMs
                + " \"$@\" ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return TrainingEnvironment.locate(dir.resolve("data"), script);
    }
}
