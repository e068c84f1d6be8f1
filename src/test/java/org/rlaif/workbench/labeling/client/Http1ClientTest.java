package org.rlaif.workbench.labeling.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler's HTTP/1.1 client against a real loopback server that answers exactly as scripted, byte for byte, so
 * the awkward cases a model server can produce (chunked bodies, closed keep-alive connections, no length, hangs,
 * redirects, TLS) are each met on purpose.
 */
class Http1ClientTest {
    @TempDir
    Path dir;

    private final List<ScriptedServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ScriptedServer::close);
    }

    /** A request as the server read it. */
    record Seen(int connection, String requestLine, Map<String, String> headers, String body) {
    }

    /** What the server does with one request: write these bytes (or nothing), then maybe close or hang. */
    record Reply(byte[] bytes, boolean closeAfter, long hangMillis) {
        static Reply of(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.UTF_8), false, 0);
        }

        static Reply json(int status, String body, String... headers) {
            StringBuilder b = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n");
            for (String h : headers) {
                b.append(h).append("\r\n");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            b.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
            return of(b.toString());
        }

        Reply thenClose() {
            return new Reply(bytes, true, hangMillis);
        }

        static Reply hang(long millis) {
            return new Reply(new byte[0], false, millis);
        }
    }

    /** The server's answer to the {@code request}-th request on its {@code connection}-th connection. */
    @FunctionalInterface
    interface Script {
        Reply apply(int connection, int request, String body);
    }

    /** A loopback HTTP/1.1 server (plain or TLS) whose every answer comes from a script: (connection, request) → reply. */
    static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        /** Connections the client closed while the server was still holding its answer back. */
        final AtomicInteger abandoned = new AtomicInteger();
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-server");
            t.setDaemon(true);
            return t;
        });

        ScriptedServer(ServerSocket socket, Script script) {
            this.socket = socket;
            pool.submit(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException closed) {
                        return null;
                    }
                    int connection = connections.incrementAndGet();
                    open.add(s);
                    pool.submit(() -> serve(s, connection, script));
                }
                return null;
            });
        }

        static ScriptedServer plain(Script script) throws IOException {
            return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
        }

        int port() {
            return socket.getLocalPort();
        }

        URI uri(String scheme, String path) {
            return URI.create(scheme + "://127.0.0.1:" + port() + path);
        }

        private Void serve(Socket s, int connection, Script script) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int request = 1; ; request++) {
                    String head = readHead(in);
                    if (head == null) {
                        return null;
                    }
                    String[] lines = head.split("\r\n");
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).strip());
                    }
                    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    seen.add(new Seen(connection, lines[0], headers, body));
                    Reply reply = script.apply(connection, request, body);
                    if (reply.hangMillis() > 0) {
                        // hold the answer back, watching for the client to give up and close the connection
                        s.setSoTimeout((int) reply.hangMillis());
                        try {
                            if (in.read() < 0) {
                                abandoned.incrementAndGet();
                                return null;
                            }
                        } catch (java.net.SocketTimeoutException waitedEnough) {
                            // answer now
                        }
                    }
                    out.write(reply.bytes());
                    out.flush();
                    if (reply.closeAfter()) {
                        return null;
                    }
                }
            } catch (IOException gone) {
                return null;
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1).strip();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            open.forEach(x -> {
                try {
                    x.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            });
            pool.shutdownNow();
        }
    }

    private ScriptedServer server(Script script) throws IOException {
        ScriptedServer s = ScriptedServer.plain(script);
        servers.add(s);
        return s;
    }

    private static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration SECONDS_5 = Duration.ofSeconds(5);

    private static String text(Http1Client.Answer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    void postsJsonWithItsHeadersAndReusesTheConnection() throws Exception {
        ScriptedServer s = server((conn, req, body) -> Reply.json(200, "{\"n\":" + req + "}"));
        try (Http1Client http = new Http1Client(s.uri("http", "/v1/chat/completions"), "Bearer k-1", SECONDS_5)) {
            for (int i = 1; i <= 3; i++) {
                Http1Client.Answer a = http.post(BODY, SECONDS_5);
                assertThat(a.status()).isEqualTo(200);
                assertThat(text(a)).isEqualTo("{\"n\":" + i + "}");
                assertThat(a.header("content-type")).isEqualTo("application/json");
            }
        }
        assertThat(s.connections.get()).isEqualTo(1); // kept alive
        Seen first = s.seen.get(0);
        assertThat(first.requestLine()).isEqualTo("POST /v1/chat/completions HTTP/1.1");
        assertThat(first.headers()).containsEntry("host", "127.0.0.1:" + s.port())
                .containsEntry("content-type", "application/json").containsEntry("authorization", "Bearer k-1")
                .containsEntry("content-length", Integer.toString(BODY.length));
        assertThat(first.body()).isEqualTo("{\"model\":\"m\"}");
    }

    @Test
    void readsChunkedBodiesAndBodiesThatEndWithTheConnection() throws Exception {
        ScriptedServer s = server((conn, req, body) -> conn == 1 && req == 1
                ? Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\n{\"a\":\r\n3\r\n42}\r\n0\r\nX-Trailer: t\r\n\r\n")
                : Reply.of("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"till\":\"the end\"}")
                    .thenClose());
        try (Http1Client http = new Http1Client(s.uri("http", "/v1/chat/completions"), null, SECONDS_5)) {
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"a\":42}");
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"till\":\"the end\"}");
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"till\":\"the end\"}");
        }
        assertThat(s.connections.get()).isEqualTo(2); // chunked kept it; a body up to the end cannot
        assertThat(s.seen.get(0).headers()).doesNotContainKey("authorization");
    }

    @Test
    void aKeptConnectionTheServerClosedIsReplacedWithoutLosingTheRequest() throws Exception {
        // the server answers each connection once and closes it without saying so, as an idle timeout does
        ScriptedServer s = server((conn, req, body) -> Reply.json(200, "{\"conn\":" + conn + "}").thenClose());
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5)) {
            for (int i = 1; i <= 4; i++) {
                assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"conn\":" + i + "}");
            }
        }
        assertThat(s.seen).hasSize(4); // each request reached the server once
    }

    @Test
    void anAnswerCutOffMidwayIsAnErrorNotAShortBody() throws Exception {
        ScriptedServer s = server((conn, req, body) -> Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"cut")
                .thenClose());
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5)) {
            assertThatThrownBy(() -> http.post(BODY, SECONDS_5)).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed the connection after 5 of 100 bytes");
        }
        assertThat(s.seen).hasSize(1); // bytes had come back: not sent again
    }

    @Test
    void notHttpIsAnError() throws Exception {
        ScriptedServer s = server((conn, req, body) -> Reply.of("SSH-2.0-OpenSSH_9.6\r\n\r\n").thenClose());
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5)) {
            assertThatThrownBy(() -> http.post(BODY, SECONDS_5)).isInstanceOf(IOException.class)
                    .hasMessageContaining("did not answer in HTTP");
        }
    }

    @Test
    void anAnswerThatTakesTooLongTimesOutAndTheConnectionIsNotReused() throws Exception {
        ScriptedServer s = server((conn, req, body) -> conn == 1 ? Reply.hang(3_000) : Reply.json(200, "{}"));
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> http.post(BODY, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
            assertThat((System.nanoTime() - t0) / 1e6).isBetween(250.0, 2_000.0);
            assertThat(http.post(BODY, SECONDS_5).status()).isEqualTo(200);
        }
        assertThat(s.connections.get()).isEqualTo(2);
    }

    @Test
    void nothingListeningIsConnectException() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Http1Client http = new Http1Client(URI.create("http://127.0.0.1:" + port + "/x"), null, SECONDS_5)) {
            assertThatThrownBy(() -> http.post(BODY, SECONDS_5)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anInterruptAbortsTheRequestAtOnceOnVirtualAndPlatformThreads() throws Exception {
        ScriptedServer s = server((conn, req, body) -> Reply.hang(10_000));
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5)) {
            for (boolean virtual : new boolean[] {true, false}) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                CountDownLatch ended = new CountDownLatch(1);
                Runnable call = () -> {
                    try {
                        http.post(BODY, Duration.ofSeconds(30));
                    } catch (Throwable t) {
                        thrown.set(t);
                    } finally {
                        ended.countDown();
                    }
                };
                int before = s.seen.size();
                Thread t = virtual ? Thread.ofVirtual().start(call) : Thread.ofPlatform().start(call);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (s.seen.size() == before && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long t0 = System.nanoTime();
                t.interrupt();
                assertThat(ended.await(2, TimeUnit.SECONDS)).as("virtual: " + virtual).isTrue();
                assertThat((System.nanoTime() - t0) / 1e6).isLessThan(1_000.0);
                assertThat(thrown.get()).as("virtual: " + virtual).isInstanceOf(InterruptedException.class);
            }
        }
        // the server sees the connections of both aborted requests closed: nothing stays in flight
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.abandoned.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(s.abandoned.get()).isEqualTo(2);
    }

    @Test
    void redirectsAreFollowedWithThePostAndTheKeyStaysWithItsHost() throws Exception {
        ScriptedServer elsewhere = server((conn, req, body) -> Reply.json(200, "{\"at\":\"elsewhere\"}"));
        ScriptedServer s = server((conn, req, body) -> switch (req) {
            case 1 -> Reply.of("HTTP/1.1 308 Moved\r\nLocation: /v2/chat\r\nContent-Length: 0\r\n\r\n");
            case 2 -> Reply.json(200, "{\"at\":\"v2\"}");
            default -> Reply.of("HTTP/1.1 307 Elsewhere\r\nLocation: http://127.0.0.1:" + elsewhere.port()
                    + "/chat\r\nContent-Length: 0\r\n\r\n");
        });
        try (Http1Client http = new Http1Client(s.uri("http", "/v1/chat"), "Bearer secret", SECONDS_5)) {
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"at\":\"v2\"}");
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"at\":\"elsewhere\"}");
        }
        assertThat(s.seen.get(1).requestLine()).isEqualTo("POST /v2/chat HTTP/1.1");
        assertThat(s.seen.get(1).headers()).containsEntry("authorization", "Bearer secret");
        assertThat(s.seen.get(1).body()).isEqualTo("{\"model\":\"m\"}");
        assertThat(elsewhere.seen.get(0).body()).isEqualTo("{\"model\":\"m\"}");
        assertThat(elsewhere.seen.get(0).headers()).doesNotContainKey("authorization"); // another origin
    }

    @Test
    void aKeyWithALineBreakIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new Http1Client(URI.create("http://127.0.0.1:1/x"), "Bearer abc\r\nX-Evil: 1",
                SECONDS_5)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abc");
    }

    @Test
    void manyThreadsShareThePoolAndEveryAnswerGoesToItsOwnRequest() throws Exception {
        // the server echoes the request body: an answer delivered to the wrong request would show
        ScriptedServer s = server((conn, req, body) -> Reply.json(200, body));
        List<String> mismatches = new CopyOnWriteArrayList<>();
        try (Http1Client http = new Http1Client(s.uri("http", "/x"), null, SECONDS_5);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                int worker = w;
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        byte[] body = ("{\"w\":" + worker + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                        Http1Client.Answer a = http.post(body, SECONDS_5);
                        if (a.status() != 200 || !text(a).equals(new String(body, StandardCharsets.UTF_8))) {
                            mismatches.add(text(a));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(s.seen).hasSize(400);
        assertThat(s.seen.stream().map(Seen::body).distinct()).hasSize(400); // each request sent once
        assertThat(s.connections.get()).isLessThanOrEqualTo(16); // reused, never more than in use at once
    }

    @Test
    void httpsChecksTheCertificateAndTheHostName() throws Exception {
        char[] password = "changeit".toCharArray();
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "judge", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=judge.test", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        SSLServerSocket listening = (SSLServerSocket) serverTls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ScriptedServer s = new ScriptedServer(listening, (conn, req, body) -> Reply.json(200, "{\"tls\":true}"));
        servers.add(s);
        try (Http1Client http = new Http1Client(s.uri("https", "/v1/chat/completions"), "Bearer k", SECONDS_5,
                clientTls.getSocketFactory())) {
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"tls\":true}");
            assertThat(text(http.post(BODY, SECONDS_5))).isEqualTo("{\"tls\":true}");
        }
        assertThat(s.connections.get()).isEqualTo(1);
        assertThat(s.seen.get(0).headers()).containsEntry("authorization", "Bearer k");
        // the certificate names 127.0.0.1, not localhost: refused, whatever the trust
        try (Http1Client wrongName = new Http1Client(URI.create("https://localhost:" + s.port() + "/v1"), null,
                SECONDS_5, clientTls.getSocketFactory())) {
            assertThatThrownBy(() -> wrongName.post(BODY, SECONDS_5)).isInstanceOf(SSLHandshakeException.class);
        }
        // and a certificate nobody vouches for is refused by the default trust
        try (Http1Client untrusted = new Http1Client(s.uri("https", "/v1"), null, SECONDS_5)) {
            assertThatThrownBy(() -> untrusted.post(BODY, SECONDS_5)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }
}
