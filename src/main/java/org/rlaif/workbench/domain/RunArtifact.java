package org.rlaif.workbench.domain;

import java.util.Objects;

/** A file or folder a run produced: a reward model, its ONNX export, a checkpoint, a policy's outputs. */
public record RunArtifact(long runId, long seq, String kind, String path, Long step, long timeMillis) {
    public RunArtifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }
}
