package org.rlaif.workbench.io;

import java.nio.file.Path;
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
 * without the pipeline.
 */
final class RecordPipeline {
    private static final int CAPACITY = 512;

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

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
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
            Event e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ImportCancelledException(Path.of("."));
            }
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

    private void produce(FormatReader reader, ImportContext context) {
        Event last;
        try {
            reader.read(context, new RecordSink() {
                @Override
                public void accept(ImportedPair record) throws ImportException {
                    put(new Accept(record));
                }

                @Override
                public void invalid(Path file, long line, String problem) throws ImportException {
                    put(new Invalid(file, line, problem));
                }

                @Override
                public void progress(SourceFile file, long bytesRead) throws ImportException {
                    put(new Progress(file, bytesRead));
                }
            });
            last = new End();
        } catch (Throwable t) {
            last = new Failed(t);
        }
        if (!stopped) {
            try {
                queue.put(last);
            } catch (InterruptedException ignored) {
                // the consumer is gone; nobody waits for the end marker
            }
        }
    }

    private void put(Event e) throws ImportException {
        try {
            while (!queue.offer(e, 100, TimeUnit.MILLISECONDS)) {
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
