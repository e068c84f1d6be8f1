package org.rlaif.workbench.labeling.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs JSON to one endpoint over HTTP/1.1 (http or https), on the calling thread, reusing keep-alive connections.
 *
 * <p>It is not {@link java.net.http.HttpClient} because of what that costs per request on a small machine: its
 * asynchronous exchange hops between the caller, a selector thread and an executor for every request, about
 * 250 µs of CPU per loopback request against 40–80 µs here, and a local model server (llama-server, Ollama) shares
 * those cores with the labeler. See docs/decisions/0016-own-http-client.md.
 *
 * <p>Cancelling: on a virtual thread an interrupt closes the socket it is blocked on, so {@link #post} returns at
 * once with {@link InterruptedException}. A platform thread's socket read cannot be interrupted, so for a platform
 * caller the exchange runs on a virtual thread that the caller waits for, and its interrupt is passed on.
 *
 * <p>Redirects (301, 302, 307, 308) are followed up to five times with the same POST, never from https to http; the
 * {@code Authorization} header only goes to the endpoint's own host. No proxy is used, as before.
 */
public final class Http1Client implements AutoCloseable {
    /** An answer: status, headers (names in lower case, first value of each) and body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    private static final int MAX_REDIRECTS = 5;
    /** Servers close idle keep-alive connections after a few seconds (llama-server, uvicorn: 5 s); we let go first. */
    private static final long MAX_IDLE_NANOS = 4_000_000_000L;

    private final URI endpoint;
    private final String authorization;
    private final Duration connectTimeout;
    private final SSLSocketFactory tls;
    private final byte[] headPrefix;
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Http1Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param endpoint      the address every request goes to (http or https)
     * @param authorization the {@code Authorization} header value, or null for none; kept in memory only
     */
    public Http1Client(URI endpoint, String authorization, Duration connectTimeout) {
        this(endpoint, authorization, connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    Http1Client(URI endpoint, String authorization, Duration connectTimeout, SSLSocketFactory tls) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + endpoint);
        }
        if (authorization != null && authorization.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            // a line break would end the header and let the rest pose as more headers; the value is never shown
            throw new IllegalArgumentException("the Authorization value contains a control character or line break");
        }
        this.authorization = authorization;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.headPrefix = head(endpoint, authorization);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * POSTs {@code json} and returns the answer, whatever its status.
     *
     * @param timeout how long the answer may take, from sending to its last byte ({@link HttpTimeoutException})
     * @throws HttpConnectTimeoutException when no connection is made within the connect timeout
     * @throws IOException                 when the server cannot be reached or breaks off the answer
     */
    public Answer post(byte[] json, Duration timeout) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (Thread.currentThread().isVirtual()) {
            return interruptible(() -> exchange(json, timeout));
        }
        FutureTask<Answer> task = new FutureTask<>(() -> exchange(json, timeout));
        Thread carrier = Thread.ofVirtual().name("http-post").start(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            carrier.interrupt(); // closes its socket: nothing stays in flight
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    @FunctionalInterface
    private interface Exchange {
        Answer run() throws IOException;
    }

    /** On a virtual thread: an I/O failure caused by an interrupt is the interrupt. */
    private static Answer interruptible(Exchange exchange) throws IOException, InterruptedException {
        try {
            return exchange.run();
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the server");
            }
            throw e;
        }
    }

    private Answer exchange(byte[] json, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer answer = pooled(request(headPrefix, json), deadline);
        URI at = endpoint;
        for (int hop = 0; hop < MAX_REDIRECTS && isRedirect(answer.status()); hop++) {
            String location = answer.header("location");
            if (location == null) {
                break;
            }
            URI next;
            try {
                next = at.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                break; // a Location that is not a URL: the redirect answer is what the caller gets
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (next.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && !isHttps(at))) {
                break; // not followed: the answer says where it wanted to go
            }
            at = next;
            byte[] again = request(head(next, mayCarryKey(next) ? authorization : null), json);
            if (sameOrigin(next, endpoint)) {
                answer = pooled(again, deadline);
            } else {
                Http1Connection once = connect(next); // another origin: not pooled
                try {
                    answer = once.exchange(again, deadline);
                } finally {
                    discard(once);
                }
            }
        }
        return answer;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The key goes to the endpoint's own origin, and to its https twin (http://h → https://h), nowhere else. */
    private boolean mayCarryKey(URI to) {
        return sameOrigin(to, endpoint) || isHttps(to) && !isHttps(endpoint)
                && to.getHost().equalsIgnoreCase(endpoint.getHost()) && port(endpoint) == 80 && port(to) == 443;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : isHttps(uri) ? 443 : 80;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 307 || status == 308;
    }

    /**
     * Sends over an idle connection to the endpoint's origin when there is one. A kept-alive connection may have been closed by the server
     * meanwhile; when such a one breaks off before a single byte of the answer, the request goes again over the
     * next connection, at worst a fresh one (a chat request asks and changes nothing, so sending it twice is safe).
     */
    private Answer pooled(byte[] request, long deadline) throws IOException {
        while (true) {
            Http1Connection c = idle.pollFirst();
            boolean reused = c != null;
            if (reused && c.idleNanos() > MAX_IDLE_NANOS) {
                discard(c);
                continue;
            }
            if (!reused) {
                c = connect(endpoint);
            }
            Answer answer;
            try {
                answer = c.exchange(request, deadline);
            } catch (IOException e) {
                discard(c);
                if (reused && !c.receivedAnything() && !(e instanceof HttpTimeoutException)
                        && !Thread.currentThread().isInterrupted() && !closed) {
                    continue;
                }
                throw e;
            } catch (RuntimeException e) {
                discard(c);
                throw e;
            }
            if (c.reusable() && !closed) {
                c.markIdle();
                idle.offerFirst(c); // most recently used first: the warm connections stay in use
                if (closed && idle.remove(c)) {
                    discard(c);
                }
            } else {
                discard(c);
            }
            return answer;
        }
    }

    private Http1Connection connect(URI to) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        boolean https = isHttps(to);
        int port = port(to);
        int connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        Socket socket = new Socket();
        Http1Connection c = null;
        try {
            socket.setTcpNoDelay(true); // one write per request; nothing to gain from Nagle, 40 ms to lose
            try {
                socket.connect(new InetSocketAddress(to.getHost(), port), connectMillis);
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("no connection to " + to.getHost() + ":" + port + " within "
                        + connectTimeout.toMillis() + " ms");
            }
            Socket channel = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, to.getHost(), port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(connectMillis);
                try {
                    ssl.startHandshake();
                } catch (SocketTimeoutException e) {
                    throw new HttpConnectTimeoutException("no TLS handshake with " + to.getHost() + ":" + port
                            + " within " + connectTimeout.toMillis() + " ms");
                }
                channel = ssl;
            }
            c = new Http1Connection(channel);
            open.add(c);
            if (closed) {
                throw new IOException("the client is closed");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                discard(c);
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection failed anyway
            }
            throw e;
        }
    }

    private void discard(Http1Connection c) {
        open.remove(c);
        c.close();
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** The request head up to (not including) Content-Length, which each request adds. */
    private static byte[] head(URI to, String authorization) {
        String path = to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath();
        if (to.getRawQuery() != null) {
            path += "?" + to.getRawQuery();
        }
        boolean https = isHttps(to);
        int port = to.getPort();
        String host = to.getHost().contains(":") && !to.getHost().startsWith("[") ? "[" + to.getHost() + "]" : to.getHost();
        String hostHeader = port < 0 || port == (https ? 443 : 80) ? host : host + ":" + port;
        StringBuilder h = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: rlaif-workbench\r\n")
                .append("Accept: application/json\r\n")
                .append("Content-Type: application/json\r\n");
        if (authorization != null) {
            h.append("Authorization: ").append(authorization).append("\r\n");
        }
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] request(byte[] headPrefix, byte[] body) {
        byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headPrefix.length + length.length + body.length];
        System.arraycopy(headPrefix, 0, out, 0, headPrefix.length);
        System.arraycopy(length, 0, out, headPrefix.length, length.length);
        System.arraycopy(body, 0, out, headPrefix.length + length.length, body.length);
        return out;
    }

    /** Closes every connection, those in use included (their requests fail). */
    @Override
    public void close() {
        closed = true;
        for (Http1Connection c : open) {
            discard(c);
        }
        idle.clear();
    }

    @Override
    public String toString() {
        return "Http1Client[" + endpoint + "]";
    }
}
