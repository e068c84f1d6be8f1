package org.rlaif.workbench.training;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.RunRepository;
import org.rlaif.workbench.store.StoreException;

/**
 * Stores what a run reports in the project as it arrives, on a thread of its own: whatever has arrived since the
 * last commit goes in one transaction (a trainer logs a dozen metrics at once; one commit each would cost a sync
 * each). The thread that reads the trainer never waits for the disk, and a reopened project shows every event that
 * was committed. {@link #close} stores what is left and returns once it is stored.
 */
final class RunRecorder implements AutoCloseable {
    /** Something to store; the run id is the recorder's. */
    sealed interface Entry {
        record Event(RunEvent event, long timeMillis) implements Entry {
        }

        record LogLine(String line) implements Entry {
        }

        record End() implements Entry {
        }
    }

    private final ProjectStore store;
    private final long runId;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile StoreException failure;

    RunRecorder(ProjectStore store, long runId) {
        this.store = store;
        this.runId = runId;
        this.writer = new Thread(this::drain, "run-" + runId + "-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    void event(RunEvent e) {
        queue.add(new Entry.Event(e, System.currentTimeMillis()));
    }

    void log(String line) {
        queue.add(new Entry.LogLine(line));
    }

    /** The first failure to store, if any: the run is then failed, because what the user sees would be incomplete. */
    StoreException failure() {
        return failure;
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>();
        boolean end = false;
        while (!end) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch);
            end = batch.getLast() instanceof Entry.End;
            try {
                store.write(c -> {
                    for (Entry entry : batch) {
                        store(c, entry);
                    }
                    return null;
                });
            } catch (StoreException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            batch.clear();
        }
    }

    private void store(Connection c, Entry entry) throws SQLException {
        RunRepository runs = store.runs();
        switch (entry) {
            case Entry.LogLine l -> runs.appendLog(c, runId, l.line());
            case Entry.End end -> {
            }
            case Entry.Event(RunEvent event, long at) -> {
                switch (event) {
                    case RunEvent.Metric m -> runs.addMetric(c, new MetricPoint(runId, m.step(), m.name(), m.value(),
                            at));
                    case RunEvent.Progress p -> runs.updateProgress(c, runId, p.done(), p.total());
                    case RunEvent.Sample s -> runs.addSample(c, new RunSample(runId, 0, s.step(), s.prompt(),
                            s.completion(), s.reward(), at));
                    case RunEvent.Artifact a -> {
                        runs.addArtifact(c, runId, a.kind(), a.path(), a.step());
                        runs.appendLog(c, runId, "saved " + a.kind() + ": " + a.path());
                    }
                    case RunEvent.Log l -> runs.appendLog(c, runId, l.level().equals("info") ? l.message()
                            : l.level() + ": " + l.message());
                    case RunEvent.Status s -> {
                        if (!s.message().isEmpty()) {
                            runs.appendLog(c, runId, s.state() + ": " + s.message());
                        }
                    }
                    case RunEvent.Hello h -> runs.appendLog(c, runId, "trainer " + h.trainer() + " on "
                            + DeviceText.describe(h.device()));
                }
            }
        }
    }

    @Override
    public void close() {
        queue.add(new Entry.End());
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
