package org.rlaif.workbench.labeling.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One open HTTP/1.1 connection: writes a request that the caller has put together, reads the answer (a body with a
 * {@code Content-Length}, chunked, or up to the end of the stream) and says whether the connection can carry the
 * next request. Reads give up at a deadline. Used by one thread at a time.
 */
final class Http1Connection implements Closeable {
    /** A judge's answer is a few hundred bytes; anything near this is not a chat completion. */
    static final int MAX_BODY = 32 * 1024 * 1024;
    private static final int MAX_HEAD = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean reusable;
    private boolean received;
    private long idleSinceNanos;

    Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Sends {@code request} (head and body, complete) and reads the answer to it.
     *
     * @throws HttpTimeoutException when the answer is not complete by {@code deadlineNanos}
     */
    Http1Client.Answer exchange(byte[] request, long deadlineNanos) throws IOException {
        reusable = false;
        received = false;
        pos = 0;
        lim = 0;
        // One write of the whole request: with TCP_NODELAY it leaves in as few segments as the size allows. A server
        // that stops reading could block it only for a request larger than the socket buffers (hundreds of KB).
        out.write(request);
        out.flush();
        int status;
        String version;
        Map<String, String> headers;
        int headBytes = 0;
        do {
            String statusLine = readLine(deadlineNanos);
            headBytes += statusLine.length();
            // HTTP/1.1 200 OK
            int sp = statusLine.indexOf(' ');
            if (!statusLine.startsWith("HTTP/") || sp < 0 || statusLine.length() < sp + 4) {
                throw new IOException("the server did not answer in HTTP (first line: '" + cut(statusLine) + "')");
            }
            version = statusLine.substring(0, sp);
            try {
                status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
            } catch (NumberFormatException e) {
                throw new IOException("the server sent a malformed status line: '" + cut(statusLine) + "'");
            }
            headers = new HashMap<>();
            while (true) {
                String line = readLine(deadlineNanos);
                headBytes += line.length();
                if (headBytes > MAX_HEAD) {
                    throw new IOException("the server's answer headers exceed " + MAX_HEAD / 1024 + " KiB");
                }
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue; // not a header; HTTP/1.1 servers do not send these, and nothing we need is lost
                }
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        } while (status / 100 == 1 && status != 101); // interim answers (100 Continue, 103) precede the real one

        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        String transferEncoding = headers.get("transfer-encoding");
        String contentLength = headers.get("content-length");
        byte[] body;
        boolean delimited = true;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(deadlineNanos);
        } else if (contentLength != null) {
            long n;
            try {
                n = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new IOException("the server sent a malformed Content-Length: '" + cut(contentLength) + "'");
            }
            if (n < 0 || n > MAX_BODY) {
                throw new IOException("the server's answer is " + n + " bytes; more than " + MAX_BODY + " is refused");
            }
            body = readFixed((int) n, deadlineNanos);
        } else {
            body = readToEnd(deadlineNanos);
            delimited = false;
        }
        reusable = keepAlive && delimited && pos == lim; // bytes past the answer would be a protocol error
        return new Http1Client.Answer(status, headers, body);
    }

    /** Whether the last exchange left the connection ready for another request. */
    boolean reusable() {
        return reusable;
    }

    /** Whether the last exchange got any byte back: a request that got nothing may be sent again elsewhere. */
    boolean receivedAnything() {
        return received;
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    private String readLine(long deadlineNanos) throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == lim && fill(deadlineNanos) < 0) {
                throw new EOFException("the server closed the connection before answering");
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            if (pos < lim) {
                int end = pos > start && buf[pos - 1] == '\r' ? pos - 1 : pos;
                pos++;
                String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                if (line == null) {
                    return part;
                }
                if (end == start && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1); // the CR was the last byte of the previous read
                }
                return line.append(part).toString();
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buf, start, lim - start, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_HEAD) {
                throw new IOException("the server sent a header line longer than " + MAX_HEAD / 1024 + " KiB");
            }
        }
    }

    private byte[] readFixed(int n, long deadlineNanos) throws IOException {
        byte[] body = new byte[n];
        int have = Math.min(n, lim - pos);
        System.arraycopy(buf, pos, body, 0, have);
        pos += have;
        while (have < n) {
            int r = read(body, have, n - have, deadlineNanos);
            if (r < 0) {
                throw new EOFException("the server closed the connection after " + have + " of " + n + " bytes");
            }
            have += r;
        }
        return body;
    }

    private byte[] readChunked(long deadlineNanos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        while (true) {
            String sizeLine = readLine(deadlineNanos);
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("the server sent a malformed chunk size: '" + cut(sizeLine) + "'");
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new IOException("the server's answer is larger than " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                while (!readLine(deadlineNanos).isEmpty()) {
                    // trailer fields: nothing we use
                }
                return body.toByteArray();
            }
            body.write(readFixed((int) size, deadlineNanos));
            if (!readLine(deadlineNanos).isEmpty()) {
                throw new IOException("the server sent a chunk longer than its size");
            }
        }
    }

    private byte[] readToEnd(long deadlineNanos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        body.write(buf, pos, lim - pos);
        pos = lim;
        while (fill(deadlineNanos) >= 0) {
            if (body.size() + lim > MAX_BODY) {
                throw new IOException("the server's answer is larger than " + MAX_BODY + " bytes");
            }
            body.write(buf, 0, lim);
            pos = lim;
        }
        return body.toByteArray();
    }

    /** Refills the buffer from the socket; -1 at the end of the stream. */
    private int fill(long deadlineNanos) throws IOException {
        int r = read(buf, 0, buf.length, deadlineNanos);
        pos = 0;
        lim = Math.max(r, 0);
        return r;
    }

    private int read(byte[] into, int off, int len, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException("no complete answer before the deadline");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
        int r;
        try {
            r = in.read(into, off, len);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no complete answer before the deadline");
        }
        if (r > 0) {
            received = true;
        }
        return r;
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is dropped either way
        }
    }
}
