package org.rlaif.workbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decodes UTF-8 for a text parser (CSV) and notes, by line, what is wrong with the bytes instead of failing:
 * invalid UTF-8 (replaced by U+FFFD), NUL bytes (binary data), lines longer than {@link Json#MAX_RECORD_BYTES}
 * (the rest of such a line is dropped, so no record can exhaust memory). The parser reads ahead in blocks, so an
 * exception thrown from here would surface far from its line; the caller instead asks, for each record, whether
 * any of its lines had a problem ({@link #problemIn}). A leading byte order mark is dropped.
 */
final class CheckedTextReader extends Reader {
    private static final int BLOCK = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private final CharBuffer decoded = CharBuffer.allocate(BLOCK - 1);
    private final CharBuffer out = CharBuffer.allocate(BLOCK);
    private final NavigableMap<Long, String> problems = new TreeMap<>();
    private boolean inputDone;
    private boolean decodingDone;
    private boolean atStart = true;
    private long line = 1;
    private long lineLength;
    private boolean skippingRestOfLine;
    private boolean lastWasNewline;

    CheckedTextReader(InputStream in) {
        this.in = in;
        bytes.flip();
        out.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!out.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, out.remaining());
        out.get(cbuf, off, n);
        return n;
    }

    /**
     * The first problem on a line from {@code first} to {@code last} (inclusive), as {line, problem}; null when
     * those lines are clean.
     */
    Map.Entry<Long, String> problemIn(long first, long last) {
        Map.Entry<Long, String> e = problems.ceilingEntry(first);
        return e != null && e.getKey() <= last ? e : null;
    }

    /** Lines seen so far; after the end of input, the number of the last line. */
    long line() {
        return line;
    }

    /** True once all input has been decoded and the last character was not a line break. */
    boolean endedWithoutNewline() {
        return decodingDone && !lastWasNewline;
    }

    private boolean fill() throws IOException {
        out.clear();
        while (out.position() == 0 && !decodingDone) {
            decoded.clear();
            CoderResult r = decoder.decode(bytes, decoded, inputDone);
            decoded.flip();
            transfer(decoded);
            if (r.isMalformed() || r.isUnmappable()) {
                note(String.format("not valid UTF-8 (byte 0x%02x); is the file in another encoding?",
                        bytes.get(bytes.position()) & 0xff));
                bytes.position(bytes.position() + r.length());
                put('\uFFFD');
            } else if (r.isUnderflow()) {
                if (inputDone) {
                    decoded.clear();
                    decoder.flush(decoded);
                    decoded.flip();
                    transfer(decoded);
                    decodingDone = true;
                } else {
                    readMore();
                }
            }
        }
        out.flip();
        return out.hasRemaining();
    }

    private void readMore() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            inputDone = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void transfer(CharBuffer chars) {
        while (chars.hasRemaining()) {
            char ch = chars.get();
            if (atStart) {
                atStart = false;
                if (ch == '\uFEFF') {
                    continue;
                }
            }
            if (ch == '\n') {
                out.put(ch);
                line++;
                lineLength = 0;
                skippingRestOfLine = false;
                lastWasNewline = true;
                continue;
            }
            lastWasNewline = false;
            if (skippingRestOfLine) {
                continue;
            }
            if (++lineLength > Json.MAX_RECORD_BYTES) {
                skippingRestOfLine = true;
                note(JsonRecords.tooLong());
                continue;
            }
            if (ch == 0) {
                note("holds a NUL byte (binary data?)");
            }
            out.put(ch);
        }
    }

    private void put(char ch) {
        lastWasNewline = false;
        atStart = false;
        if (!skippingRestOfLine) {
            lineLength++;
            out.put(ch);
        }
    }

    private void note(String problem) {
        problems.putIfAbsent(line, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
