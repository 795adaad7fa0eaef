package vn.ioc.ingest.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a hostile corpus's requests to {@code POST /ingest/events}, one connection each, speaking
 * HTTP/1.1 on a plain socket: a hostile client controls every header and byte, and a general HTTP
 * client's connection reuse and retries would blur which request got which answer.
 *
 * <p>The body is written on another thread while the answer is read, since the endpoint may answer
 * (413) before it has read the whole body. A body whose declared length is over the limit is
 * announced with {@code Expect: 100-continue} and never sent: the endpoint must refuse it from its
 * headers.
 */
public final class HostileClient implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** An answer larger than this is not one the endpoint gives to a corpus request. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    /** A status and the body of an answer. */
    public record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String sourceToken;
    private final Duration timeout;
    /** After the answer, how long a body still being written may take before the connection is closed under it. */
    private static final long WRITE_GRACE_MILLIS = 2_000;

    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-body-writer");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param endpoint    the endpoint's base, e.g. {@code http://localhost:8090}
     * @param sourceToken the bearer token of a source the endpoint knows
     * @param timeout     how long one answer may take
     */
    public HostileClient(URI endpoint, String sourceToken, Duration timeout) {
        if (!"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("the endpoint must be http://HOST:PORT, was " + endpoint);
        }
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.sourceToken = sourceToken;
        this.timeout = timeout;
    }

    /** Sends {@code request} and records its answer, or its lack of one, in {@code tally}. */
    public void send(HostileCorpus.Request request, HostileTally tally) throws InterruptedException {
        try {
            Answer answer = exchange(request);
            tally.record(request, answer.status(), answer.body());
        } catch (IOException e) {
            tally.noAnswer(request, e);
        }
    }

    /** Whether {@code GET /ingest/health} answers 200. */
    public boolean healthy() throws InterruptedException {
        try {
            return exchange("GET /ingest/health HTTP/1.1\r\n" + "Host: " + host + ":" + port + "\r\nConnection: close\r\n\r\n",
                    null).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    Answer exchange(HostileCorpus.Request request) throws IOException, InterruptedException {
        HostileCorpus.Body body = request.body();
        StringBuilder head = new StringBuilder("POST /ingest/events HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        String authorization = request.authorization(sourceToken);
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (request.contentType() != null) {
            head.append("Content-Type: ").append(request.contentType()).append("\r\n");
        }
        boolean announceOnly = body.declaredLength() && !body.inMemory();
        if (body.declaredLength()) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        } else {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        if (announceOnly) {
            head.append("Expect: 100-continue\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return exchange(head.toString(), announceOnly ? null : body);
    }

    private Answer exchange(String head, HostileCorpus.Body body) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            Future<?> writing = writers.submit(() -> {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    writeBody(body, out);
                }
                out.flush();
                return null;
            });
            Answer answer;
            try {
                answer = readAnswer(new BufferedInputStream(socket.getInputStream()));
            } catch (IOException e) {
                throw withWriteFailure(e, writing);
            }
            try {
                writing.get(WRITE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // answered before the whole body was taken (a 413 does that): the answer is what counts
            }
            return answer;
        }
    }

    private static IOException withWriteFailure(IOException readFailure, Future<?> writing) {
        if (writing.isDone()) {
            try {
                writing.get();
            } catch (ExecutionException e) {
                readFailure.addSuppressed(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return readFailure;
    }

    private static void writeBody(HostileCorpus.Body body, OutputStream out) throws IOException {
        if (body.declaredLength()) {
            out.write(body.head());
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body.open()) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(buffer, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one HTTP/1.1 answer, skipping interim (1xx) ones. */
    static Answer readAnswer(InputStream in) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + statusLine);
            }
            long length = -1;
            boolean chunked = false;
            for (String header; !(header = line(in)).isEmpty(); ) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body = chunked ? chunkedBody(in) : length >= 0 ? exactly(in, length) : untilEnd(in);
            return new Answer(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (n == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return out.toByteArray();
            }
            out.writeBytes(exactly(in, n));
            line(in);
        }
    }

    private static byte[] exactly(InputStream in, long n) throws IOException {
        if (n > MAX_ANSWER_BYTES) {
            throw new IOException("an answer of " + n + " bytes");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new EOFException("the answer ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static byte[] untilEnd(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_ANSWER_BYTES + 1);
        if (b.length > MAX_ANSWER_BYTES) {
            throw new IOException("an answer of more than " + MAX_ANSWER_BYTES + " bytes");
        }
        return b;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of the answer's head");
            }
            if (b.size() > 64 * 1024) {
                throw new IOException("an answer line longer than 64 KiB");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
