package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link FormatReader} on its own thread and hands its records to the calling thread through a small
 * bounded queue. Parsing JSON and hashing texts then overlap with SQLite's inserts (the two halves of an import
 * take about the same time, and a desktop has at least two cores), while the caller keeps the one write
 * connection and its transaction to itself.
 *
 * <p>Every sink call the reader makes ({@code accept}, {@code invalid}, {@code progress}) is replayed on the
 * caller's thread in order, so the sink needs no locking and an error ends the import exactly where it would have
 * without the pipeline. Calls travel in batches: handing over every record on its own made the two threads wake
 * each other a million times per import, which cost more than it saved.
 */
final class RecordPipeline {
    private static final int BATCH = 256;
    /** A batch is also handed over once its texts reach this many characters, so huge records do not pile up. */
    private static final long BATCH_CHARS = 2_000_000;
    private static final int CAPACITY = 8; // batches in flight: enough to smooth out uneven record sizes

    /** One call the reader made on its sink. */
    private sealed interface Event {
    }

    private record Accept(ImportedPair record) implements Event {
    }

    private record Invalid(Path file, long line, String problem) implements Event {
    }

    private record Progress(SourceFile file, long bytes) implements Event {
    }

    private record Failed(Throwable error) implements Event {
    }

    private record End() implements Event {
    }

    private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean stopped;

    /** Reads {@code context} with {@code reader} on a helper thread, delivering everything to {@code sink} here. */
    void run(FormatReader reader, ImportContext context, RecordSink sink) throws ImportException {
        Thread producer = Thread.ofPlatform().daemon().name("import-reader").start(() -> produce(reader, context));
        try {
            consume(sink);
        } finally {
            stopped = true;
            queue.clear(); // unblocks a producer waiting to put
            try {
                producer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void consume(RecordSink sink) throws ImportException {
        while (true) {
            List<Event> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ImportCancelledException(Path.of("."));
            }
            for (Event e : batch) {
                switch (e) {
                    case Accept a -> sink.accept(a.record());
                    case Invalid i -> sink.invalid(i.file(), i.line(), i.problem());
                    case Progress p -> sink.progress(p.file(), p.bytes());
                    case Failed f -> rethrow(f.error());
                    case End end -> {
                        return;
                    }
                }
            }
        }
    }

    private void produce(FormatReader reader, ImportContext context) {
        Batcher out = new Batcher();
        Event last;
        try {
            reader.read(context, new RecordSink() {
                @Override
                public void accept(ImportedPair record) throws ImportException {
                    out.add(new Accept(record), record.pair().context().length()
                            + record.pair().responseA().length() + record.pair().responseB().length());
                }

                @Override
                public void invalid(Path file, long line, String problem) throws ImportException {
                    out.add(new Invalid(file, line, problem), 0);
                }

                @Override
                public void progress(SourceFile file, long bytesRead) throws ImportException {
                    out.add(new Progress(file, bytesRead), 0);
                }
            });
            last = new End();
        } catch (Throwable t) {
            last = new Failed(t);
        }
        try {
            out.addLast(last);
        } catch (ImportException ignored) {
            // the consumer stopped first; nobody waits for the end marker
        }
    }

    /** Collects the reader's calls and puts them on the queue a batch at a time. */
    private final class Batcher {
        private List<Event> pending = new ArrayList<>(BATCH);
        private long pendingChars;

        void add(Event e, long chars) throws ImportException {
            pending.add(e);
            pendingChars += chars;
            if (pending.size() >= BATCH || pendingChars >= BATCH_CHARS) {
                flush();
            }
        }

        void addLast(Event e) throws ImportException {
            pending.add(e);
            flush();
        }

        private void flush() throws ImportException {
            List<Event> batch = pending;
            pending = new ArrayList<>(BATCH);
            pendingChars = 0;
            try {
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new ImportCancelledException(Path.of("."));
                    }
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ImportCancelledException(Path.of("."));
            }
            if (stopped) {
                throw new ImportCancelledException(Path.of("."));
            }
        }
    }

    private static void rethrow(Throwable t) throws ImportException {
        if (t instanceof ImportException ie) {
            throw ie;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t);
    }
}
