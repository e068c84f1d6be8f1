package org.rlaif.workbench.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether processes the tests started, or that the code under test started, have ended. */
public final class Processes {
    private Processes() {
    }

    /**
     * Whether a process is gone within a minute. A killed process's output closes a moment before the system counts
     * it as ended, so a check right after its pipe closed could still see it exiting.
     */
    public static boolean endsSoon(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Whether a process runs: a killed orphan may linger as a zombie where nothing reaps it, which is not running. */
    public static boolean isRunning(long pid) throws Exception {
        if (Files.isDirectory(Path.of("/proc/self"))) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            String s;
            try {
                s = Files.readString(stat);
            } catch (java.nio.file.NoSuchFileException gone) {
                return false;
            }
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
