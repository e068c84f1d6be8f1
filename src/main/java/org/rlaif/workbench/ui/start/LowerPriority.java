package org.rlaif.workbench.ui.start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the window starts a process that must not slow it down (the import): the words put before its command.
 *
 * <p>On Linux, {@code chrt --idle 0}: the SCHED_IDLE policy, under which the process runs only on a CPU that nothing
 * else wants. The window's threads wake for each frame and take the CPU at once, however busy the child is; while the
 * window is idle the child has every core. {@code nice -n 10} only weights the shares: in {@code bench ui} the
 * longest stall while importing was 71–78 ms under {@code nice} and 49–60 ms under SCHED_IDLE (without the frame
 * that lays out a new labeler column), the 99th-percentile frame 47–54 ms against 41 ms. Where {@code chrt} is
 * missing or the system refuses the policy (a sandbox that filters the call), {@code nice}; where neither exists
 * (Windows), nothing: the child still has its own heap and collector.
 */
final class LowerPriority {
    /** Tried once per JVM: a refused {@code chrt} would fail every import, not just run it at normal priority. */
    static final List<String> PREFIX = choose();

    private LowerPriority() {
    }

    private static List<String> choose() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return List.of();
        }
        Path chrt = program("chrt");
        if (chrt != null && works(List.of(chrt.toString(), "--idle", "0", "true"))) {
            return List.of(chrt.toString(), "--idle", "0");
        }
        Path nice = program("nice");
        return nice == null ? List.of() : List.of(nice.toString(), "-n", "10");
    }

    private static Path program(String name) {
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
