package org.rlaif.workbench.runs;

import java.util.List;

/** Ending a process together with everything it started. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Kills {@code root} and its descendants. The descendants are listed before the root dies: once it has, the
     * system hands its children to another parent and they can no longer be found from it.
     */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
