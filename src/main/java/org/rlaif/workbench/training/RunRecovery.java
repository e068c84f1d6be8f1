package org.rlaif.workbench.training;

import java.util.List;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.runs.Watcher;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Runs whose watcher died (the window or command was killed mid-run) would read "running" forever: on opening a
 * project, each such run is marked INTERRUPTED. A run watched by a live process, in this JVM or another, is left
 * alone.
 */
public final class RunRecovery {
    private RunRecovery() {
    }

    /** Marks the runs nobody watches any more; returns them. */
    public static List<Run> markInterrupted(ProjectStore store) {
        return store.write(c -> store.runs().markInterrupted(c, Watcher::isAlive));
    }
}
