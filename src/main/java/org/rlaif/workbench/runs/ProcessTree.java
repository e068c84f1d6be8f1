package org.rlaif.workbench.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ending a process together with everything it started. */
final class ProcessTree {
    /** {@code setsid}, where the system has it: starts a command as the leader of a new process group. */
    static final String SETSID = program("setsid");
    private static final String KILL = program("kill");

    private ProcessTree() {
    }

    private static String program(String name) {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return null;
        }
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /**
     * Kills every process left in the group {@code leader} led. A group's id is not given to a new process while
     * any member of the group lives, so this never reaches a stranger.
     */
    static void killGroup(long leader) {
        if (KILL == null) {
            return;
        }
        try {
            Process p = new ProcessBuilder(KILL, "-KILL", "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(5, TimeUnit.SECONDS); // "no such process" when the group is empty: that is the usual case
        } catch (IOException e) {
            // nothing more this can do; the walk over descendants has already run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
