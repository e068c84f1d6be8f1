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

    /** Up to {@code n} records from the start of a file, for format detection; empty when it is not JSON. */
    public static List<JsonNode> sample(Path path, int n) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(decompressed(Files.newInputStream(path)), 1 << 16)) {
            int first = firstSignificantByte(in);
            if (first == '[') {
                JsonParser p = Json.mapper().getFactory().createParser(in);
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    while (out.size() < n && p.nextToken() == JsonToken.START_OBJECT) {
                        out.add(Json.mapper().readTree(p));
                    }
                }
            } else if (first == '{') {
                LineReader lines = new LineReader(in);
                byte[] line;
                while (out.size() < n && (line = lines.next()) != null) {
                    if (!isBlank(line, lines.length())) {
                        out.add(Json.mapper().readTree(line, 0, lines.length()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // detection only: whatever was read before the problem is the sample; reading reports the problem
        }
        return out;
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

    private static void readArray(SourceFile file, InputStream in, CountingInputStream counted, RecordSink sink,
                                  Handler handler) throws ImportException, IOException {
        Path path = file.path();
        JsonParser p = Json.mapper().getFactory().createParser(in);
        long line = 1;
        try {
            p.nextToken(); // START_ARRAY, checked by the caller
            long n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new ImportException(path, p.currentLocation().getLineNr(), "truncated: the JSON array is not closed");
                }
                line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    JsonNode v = Json.mapper().readTree(p);
                    sink.invalid(path, line, "record must be a JSON object, got " + JsonFields.describe(v));
                    continue;
                }
                JsonNode record = Json.mapper().readTree(p);
                handle(handler, sink, path, record, line);
                if (++n % PROGRESS_EVERY == 0) {
                    sink.progress(file, counted.count());
                }
            }
            if (p.nextToken() != null) {
                throw new ImportException(path, p.currentTokenLocation().getLineNr(), "unexpected content after the closing ']'");
            }
            sink.progress(file, counted.count());
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw new ImportException(path, at, "invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void readLines(SourceFile file, InputStream in, CountingInputStream counted, RecordSink sink,
                                  Handler handler) throws ImportException, IOException {
        Path path = file.path();
        LineReader lines = new LineReader(in);
        byte[] buffer;
        long lineNo = 0;
        while (true) {
            try {
                buffer = lines.next();
            } catch (LineTooLongException e) {
                lineNo++;
                sink.invalid(path, lineNo, "line is longer than " + (Json.MAX_RECORD_BYTES >> 20)
                        + " MiB; no record is that large (is this a binary file?)");
                continue;
            }
            if (buffer == null) {
                break;
            }
            lineNo++;
            int len = lines.length();
            if (isBlank(buffer, len)) {
                continue;
            }
            JsonNode record;
            try {
                record = Json.mapper().readTree(buffer, 0, len);
            } catch (JsonProcessingException e) {
                sink.invalid(path, lineNo, "invalid JSON: " + e.getOriginalMessage());
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
        if (lineNo == 0) {
            throw new ImportException(path, 1, "file is empty: no records");
        }
        sink.progress(file, counted.count());
    }

    private static void handle(Handler handler, RecordSink sink, Path path, JsonNode record, long line)
            throws ImportException {
        try {
            handler.record(record, line);
        } catch (RecordException e) {
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
