package org.rlaif.workbench.runs;

import java.time.Instant;
import java.util.Optional;

/**
 * Names the process that watches a run ({@code pid@start-millis}) and tells whether it still lives. The start time
 * is part of the name because process ids are reused: a new process with the old id is not the watcher.
 */
public final class Watcher {
    private Watcher() {
    }

    /** This process. */
    public static String self() {
        return name(ProcessHandle.current());
    }

    static String name(ProcessHandle p) {
        long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return p.pid() + "@" + start;
    }

    /** Whether the process named {@code watcher} is still running. An unreadable name counts as gone. */
    public static boolean isAlive(String watcher) {
        int at = watcher.indexOf('@');
        long pid;
        try {
            pid = Long.parseLong(at < 0 ? watcher : watcher.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive() && name(p.get()).equals(watcher.contains("@") ? watcher
                : name(p.get()));
    }
}
