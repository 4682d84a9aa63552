package io.quantsinfra.testing.receiver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An HTTP endpoint on 127.0.0.1 that records every request and answers with queued statuses (then 200). */
public final class LoopbackReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, String body) {}

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();

    public LoopbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8)));
            Integer s = statuses.poll();
            int status = s == null ? 200 : s;
            String queued = bodies.poll();
            byte[] answer = queued != null && !queued.isEmpty() ? queued.getBytes(StandardCharsets.UTF_8) : status < 300
                    ? "{\"ok\":true}".getBytes() : "{\"ok\":false,\"description\":\"failing on purpose\"}".getBytes();
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
    }

    /** Answer the next requests with these statuses. */
    public LoopbackReceiver answer(int... s) {
        for (int x : s) {
            statuses.add(x);
            bodies.add("");
        }
        return this;
    }

    /** Answer the next request with this status and body (e.g. a body a test must never see repeated). */
    public LoopbackReceiver answer(int status, String body) {
        statuses.add(status);
        bodies.add(body);
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
