package org.rlaif.workbench.labeling;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, resume and cancel for a running labeling run, safe to call from any thread (the window's included: each
 * call only flips a flag). Paused workers finish the query they are on and wait; a cancel stops them and abandons
 * the requests in flight, which stay unlabeled for the next run to pick up.
 */
public final class RunControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private boolean cancelled;
    private String abortMessage;
    private Runnable onStop = () -> { };

    public void pause() {
        lock.lock();
        try {
            paused = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the run at once; what was committed stays, what was in flight is asked again by the next run. */
    public void cancel() {
        stop(null);
    }

    /** Stops the run because it cannot go on (e.g. the server is gone); the first reason given is the one kept. */
    public void abort(String reason) {
        stop(reason);
    }

    private void stop(String reason) {
        Runnable hook;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            abortMessage = reason;
            changed.signalAll();
            hook = onStop;
        } finally {
            lock.unlock();
        }
        hook.run();
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused && !cancelled;
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopped() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** The reason the run was aborted, or null when it was not (a user's cancel has no reason). */
    public String abortMessage() {
        lock.lock();
        try {
            return abortMessage;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while paused; false once the run is stopped. */
    boolean awaitRunnable() throws InterruptedException {
        lock.lock();
        try {
            while (paused && !cancelled) {
                changed.await();
            }
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** What the run does when stopped (interrupts its workers); runs at once if it is already stopped. */
    void onStop(Runnable hook) {
        boolean now;
        lock.lock();
        try {
            onStop = hook;
            now = cancelled;
        } finally {
            lock.unlock();
        }
        if (now) {
            hook.run();
        }
    }
}
