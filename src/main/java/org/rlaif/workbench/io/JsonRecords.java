package org.rlaif.workbench.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of a JSON file: either one JSON array of objects (AlpacaEval, PandaLM) or JSON lines, one
 * object per line (HH-RLHF, TRL, Auto-J); gzip-compressed files are read as they are. Every record arrives with
 * the line it starts on, and every problem leaves with its {@code file:line}.
 *
 * <p>In JSON lines a bad line can be skipped and reading goes on at the next line. In a JSON array a syntax error
 * cannot be skipped (nothing after it can be trusted to be in step), so it always ends the import.
 */
public final class JsonRecords {
    private static final int PROGRESS_EVERY = 1024;
    private static final int SAMPLE_LINES = 200;
    /** Reads one JSON line: a line is one value, so "{...} junk" is a broken line, not a record. */
    private static final com.fasterxml.jackson.databind.ObjectReader LINE = Json.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What to do with one record; a {@link RecordException} marks that record invalid. */
    @FunctionalInterface
    public interface Handler {
        void record(JsonNode record, long line) throws RecordException, ImportException;
    }

    private JsonRecords() {
    }

    /** Reads every record of {@code file} into {@code handler}. */
    public static void forEach(SourceFile file, RecordSink sink, Handler handler) throws ImportException {
        Path path = file.path();
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(path));
             InputStream in = new BufferedInputStream(decompressed(counted), 1 << 16)) {
            int first = firstSignificantByte(in);
            if (first < 0) {
                throw new ImportException(path, 1, "file is empty: no records");
            }
            if (first == '[') {
                readArray(file, in, counted, sink, handler);
            } else if (first == '{') {
                readLines(file, in, counted, sink, handler);
            } else {
                throw new ImportException(path, 1, "not JSON: a JSON array or JSON lines file starts with '[' or '{', "
                        + "this one with " + describeByte(first));
            }
        } catch (IOException e) {
            throw new ImportException(path, 0, "cannot read file: " + e.getMessage(), e);
        }
    }

    /**
     * The first records of a file, for format detection. Unreadable lines of a JSON lines file are passed over
     * (an import with {@code --skip-invalid} would pass over them too); the first problem met is kept, so that a
     * file nothing can be made of gets an error that says why.
     */
    public static Sample sample(Path path, int n) {
        List<JsonNode> out = new ArrayList<>();
        String problem = null;
        try (InputStream in = new BufferedInputStream(decompressed(Files.newInputStream(path)), 1 << 16)) {
            int first = firstSignificantByte(in);
            if (first < 0) {
                problem = "line 1: file is empty";
            } else if (first == '[') {
                JsonParser p = Json.mapper().getFactory().createParser(in);
                try {
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        while (out.size() < n && p.nextToken() == JsonToken.START_OBJECT) {
                            out.add(Json.mapper().readTree(p));
                        }
                    }
                } catch (JsonProcessingException e) {
                    problem = "line " + lineOf(e, 1) + ": " + explain(e, "the file");
                }
            } else if (first == '{') {
                LineReader lines = new LineReader(in);
                long lineNo = 0;
                while (out.size() < n && lineNo < SAMPLE_LINES) {
                    byte[] line;
                    try {
                        line = lines.next();
                    } catch (LineTooLongException e) {
                        lineNo++;
                        problem = problem != null ? problem : "line " + lineNo + ": " + tooLong();
                        continue;
                    }
                    if (line == null) {
                        break;
                    }
                    lineNo++;
                    if (isBlank(line, lines.length())) {
                        continue;
                    }
                    try {
                        JsonNode record = LINE.readTree(line, 0, lines.length());
                        if (record != null && record.isObject()) {
                            out.add(record);
                        }
                    } catch (JsonProcessingException e) {
                        problem = problem != null ? problem : "line " + lineNo + ": " + explain(e, "the line");
                    }
                }
            } else {
                problem = "line 1: not JSON (starts with " + describeByte(first) + ")";
            }
        } catch (IOException | RuntimeException e) {
            problem = problem != null ? problem : "cannot read: " + e.getMessage();
        }
        return new Sample(out, problem);
    }

    /** What {@link #sample} found: records, and the first problem met (null when none). */
    public record Sample(List<JsonNode> records, String problem) {
        public Sample {
            records = List.copyOf(records);
        }
    }

    /** The first line of a file as text (for CSV headers and messages); empty when unreadable. */
    public static String firstLine(Path path) {
        try (InputStream in = new BufferedInputStream(decompressed(Files.newInputStream(path)))) {
            LineReader lines = new LineReader(in);
            byte[] line = lines.next();
            return line == null ? "" : new String(line, 0, lines.length(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Opens a file for reading, decompressing gzip (recognised by its magic bytes, not its name). */
    public static InputStream open(Path path) throws IOException {
        return decompressed(Files.newInputStream(path));
    }

    /** Opens a file for reading like {@link #open}, counting the bytes read from disk into {@code counted}. */
    static InputStream open(CountingInputStream counted) throws IOException {
        return decompressed(counted);
    }

    /**
     * A JSON array. A syntax error, a truncated file or damaged compression ends the reading of the file: nothing
     * after that point can be trusted to be in step. It is reported like a bad record, so with
     * {@code --skip-invalid} the records before it are kept and the problem is listed.
     */
    private static void readArray(SourceFile file, InputStream in, CountingInputStream counted, RecordSink sink,
                                  Handler handler) throws ImportException {
        Path path = file.path();
        long line = 1;
        long n = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            p.nextToken(); // START_ARRAY, checked by the caller
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    sink.invalid(path, p.currentLocation().getLineNr(),
                            "truncated: the JSON array is not closed (the file ends after " + n + " records)");
                    return;
                }
                line = p.currentTokenLocation().getLineNr();
                n++;
                if (t != JsonToken.START_OBJECT) {
                    JsonNode v = Json.mapper().readTree(p);
                    sink.invalid(path, line, "record must be a JSON object, got " + JsonFields.describe(v));
                    continue;
                }
                JsonNode record = Json.mapper().readTree(p);
                handle(handler, sink, path, record, line);
                if (n % PROGRESS_EVERY == 0) {
                    sink.progress(file, counted.count());
                }
            }
            if (n == 0) {
                throw new ImportException(path, line, "no records: the JSON array is empty");
            }
            if (p.nextToken() != null) {
                sink.invalid(path, p.currentTokenLocation().getLineNr(), "unexpected content after the closing ']'");
            }
            sink.progress(file, counted.count());
        } catch (JsonProcessingException e) {
            sink.invalid(path, lineOf(e, line), explain(e, "the file") + (n > 0 ? " (nothing after this point was read)" : ""));
        } catch (IOException e) {
            sink.invalid(path, line, "cannot read the file past this point: " + describe(e));
        }
    }

    /**
     * JSON lines. Each line is parsed alone, so a bad line is just that line; damaged compression ends the file
     * (reported at the line it was met on, like a bad record).
     */
    private static void readLines(SourceFile file, InputStream in, CountingInputStream counted, RecordSink sink,
                                  Handler handler) throws ImportException {
        Path path = file.path();
        LineReader lines = new LineReader(in);
        byte[] buffer;
        long lineNo = 0;
        long records = 0;
        while (true) {
            try {
                buffer = lines.next();
            } catch (LineTooLongException e) {
                lineNo++;
                records++;
                sink.invalid(path, lineNo, tooLong());
                continue;
            } catch (IOException e) {
                sink.invalid(path, lineNo + 1, "cannot read the file past this point: " + describe(e));
                return;
            }
            if (buffer == null) {
                break;
            }
            lineNo++;
            int len = lines.length();
            if (isBlank(buffer, len)) {
                continue;
            }
            records++;
            JsonNode record;
            try {
                record = LINE.readTree(buffer, 0, len);
            } catch (JsonProcessingException e) {
                sink.invalid(path, lineNo, explain(e, "the line"));
                continue;
            } catch (IOException e) {
                sink.invalid(path, lineNo, "unreadable: " + describe(e));
                continue;
            }
            if (!record.isObject()) {
                sink.invalid(path, lineNo, "record must be a JSON object, got " + JsonFields.describe(record));
                continue;
            }
            handle(handler, sink, path, record, lineNo);
            if (lineNo % PROGRESS_EVERY == 0) {
                sink.progress(file, counted.count());
            }
        }
        if (records == 0) {
            throw new ImportException(path, 1, "file is empty: no records");
        }
        sink.progress(file, counted.count());
    }

    /** A parser's complaint in the user's terms: bad encoding, a cut-off record, an oversized value, bad syntax. */
    static String explain(JsonProcessingException e, String where) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson names the (redacted) source in nested locations; our message already names the file and line
        m = m.replaceAll("\\[Source: [^;]*; ", "[");
        if (m.startsWith("Invalid UTF-8")) {
            return "not valid UTF-8 (" + m + "); is the file in another encoding?";
        }
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException || m.contains("end-of-input")) {
            return where + " ends in the middle of a record (truncated?): " + m;
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "a value is longer than " + (Json.MAX_RECORD_BYTES >> 20) + " MiB; no record is that large"
                    + " (is this a binary file?)";
        }
        return "invalid JSON: " + m;
    }

    static String tooLong() {
        return "line is longer than " + (Json.MAX_RECORD_BYTES >> 20)
                + " MiB; no record is that large (is this a binary file?)";
    }

    private static long lineOf(JsonProcessingException e, long fallback) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? fallback : e.getLocation().getLineNr();
    }

    static String describe(IOException e) {
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return "the compressed data is damaged or cut short (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void handle(Handler handler, RecordSink sink, Path path, JsonNode record, long line)
            throws ImportException {
        try {
            handler.record(record, line);
        } catch (RecordException e) {
            sink.invalid(path, line, e.getMessage());
        } catch (IllegalArgumentException e) {
            // a value the domain refuses (a blank name, P(A) outside [0,1]): the record is bad, not the program
            sink.invalid(path, line, e.getMessage());
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** Skips a UTF-8 byte order mark and whitespace; returns the first other byte without consuming it, or -1. */
    private static int firstSignificantByte(InputStream in) throws IOException {
        while (true) {
            in.mark(4);
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b == 0xEF) {
                int b2 = in.read();
                int b3 = in.read();
                if (b2 == 0xBB && b3 == 0xBF) {
                    continue;
                }
                in.reset();
                return b;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                return b;
            }
        }
    }

    private static boolean isBlank(byte[] buf, int len) {
        for (int i = 0; i < len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String describeByte(int b) {
        return (b >= 0x20 && b < 0x7f) ? "'" + (char) b + "'" : String.format("byte 0x%02x (binary data?)", b);
    }

    /** Thrown by {@link LineReader} for a line over the record limit; the rest of that line has been skipped. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long");
        }
    }

    /**
     * Splits a byte stream into lines without decoding it (JSON is parsed from the bytes, which also checks UTF-8),
     * and without ever buffering more than one record's worth: an overlong line is skipped to its end, not held.
     */
    static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[8192];
        private int length;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its terminator (valid up to {@link #length()}), or null at the end. */
        byte[] next() throws IOException {
            length = 0;
            boolean any = false;
            boolean tooLong = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                any = true;
                int nl = indexOfNewline(pos, limit);
                int end = nl < 0 ? limit : nl;
                if (!tooLong) {
                    int n = end - pos;
                    if ((long) length + n > Json.MAX_RECORD_BYTES) {
                        tooLong = true;
                        length = 0;
                    } else {
                        ensureCapacity(length + n);
                        System.arraycopy(chunk, pos, line, length, n);
                        length += n;
                    }
                }
                if (nl >= 0) {
                    pos = nl + 1;
                    break;
                }
                pos = limit;
            }
            if (!any) {
                return null;
            }
            if (tooLong) {
                throw new LineTooLongException();
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return line;
        }

        private int indexOfNewline(int from, int to) {
            for (int i = from; i < to; i++) {
                if (chunk[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void ensureCapacity(int needed) {
            if (needed > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(needed, line.length * 2));
            }
        }

        int length() {
            return length;
        }
    }

    /** Counts the compressed bytes read, so progress is a share of the file's size on disk. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        long count() {
            return count;
        }
    }
}
