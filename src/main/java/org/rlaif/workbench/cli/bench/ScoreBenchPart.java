package org.rlaif.workbench.cli.bench;

import java.io.PrintWriter;
import org.rlaif.workbench.training.TrainingEnvironment;

/** The scoring part of {@code bench train}: DJL beside onnxruntime in Python (wired to the scorer's benchmark). */
final class ScoreBenchPart {
    private ScoreBenchPart() {
    }

    static int run(TrainingEnvironment env, PrintWriter out) {
        out.println("scoring: the DJL scorer's benchmark is not in this build yet");
        return 0;
    }
}
