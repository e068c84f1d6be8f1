package org.rlaif.workbench.labeling.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON body of a chat-completions request, written straight to UTF-8 bytes. A request is mostly the prompt (a few
 * KB of text, per query), and a string that needs no escaping — nearly all of it — is copied as a block of bytes
 * instead of character by character as a general JSON generator does (measured: a quarter of the labeler's CPU per
 * request went there).
 */
final class ChatRequestJson {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** The bytes a JSON string cannot hold as they are: control characters, the quote and the backslash. */
    private static final boolean[] ESCAPED = new boolean[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            ESCAPED[b] = true;
        }
        ESCAPED['"'] = true;
        ESCAPED['\\'] = true;
    }

    private byte[] buf;
    private int n;

    private ChatRequestJson(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] encode(ChatRequest request) {
        int size = 192 + request.model().length();
        for (ChatMessage m : request.messages()) {
            size += m.content().length() + 40;
        }
        ChatRequestJson out = new ChatRequestJson(size + size / 16);
        out.raw("{\"model\":").string(request.model()).raw(",\"messages\":[");
        boolean first = true;
        for (ChatMessage m : request.messages()) {
            out.raw(first ? "{\"role\":" : ",{\"role\":").string(m.role()).raw(",\"content\":").string(m.content())
                    .raw("}");
            first = false;
        }
        out.raw("],\"temperature\":").raw(Double.toString(request.temperature()))
                .raw(",\"max_tokens\":").raw(Integer.toString(request.maxTokens()))
                .raw(",\"stream\":false");
        if (request.topLogprobs() > 0) {
            out.raw(",\"logprobs\":true,\"top_logprobs\":").raw(Integer.toString(request.topLogprobs()));
        }
        if (request.seed() != null) {
            out.raw(",\"seed\":").raw(Long.toString(request.seed()));
        }
        out.raw("}");
        return Arrays.copyOf(out.buf, out.n);
    }

    /** ASCII that is JSON already (names, punctuation, numbers). */
    private ChatRequestJson raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[n++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8. */
    private ChatRequestJson string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        buf[n++] = '"';
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (ESCAPED[utf8[i] & 0xff]) { // bytes of multi-byte characters are >= 0x80 and never escaped
                append(utf8, from, i);
                escape(utf8[i] & 0xff);
                from = i + 1;
            }
        }
        append(utf8, from, utf8.length);
        ensure(1);
        buf[n++] = '"';
        return this;
    }

    private void append(byte[] bytes, int from, int to) {
        ensure(to - from);
        System.arraycopy(bytes, from, buf, n, to - from);
        n += to - from;
    }

    private void escape(int b) {
        ensure(6);
        buf[n++] = '\\';
        switch (b) {
            case '"' -> buf[n++] = '"';
            case '\\' -> buf[n++] = '\\';
            case '\n' -> buf[n++] = 'n';
            case '\r' -> buf[n++] = 'r';
            case '\t' -> buf[n++] = 't';
            case '\b' -> buf[n++] = 'b';
            case '\f' -> buf[n++] = 'f';
            default -> {
                buf[n++] = 'u';
                buf[n++] = '0';
                buf[n++] = '0';
                buf[n++] = HEX[b >> 4];
                buf[n++] = HEX[b & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }
}
