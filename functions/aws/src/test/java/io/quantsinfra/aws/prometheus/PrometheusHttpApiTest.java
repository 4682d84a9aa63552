package io.quantsinfra.aws.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a loopback server that answers as Prometheus does, and as it must not. */
class PrometheusHttpApiTest {
    private HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> asked = new AtomicReference<>();
    private PrometheusHttpApi api;

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange ex) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            asked.set(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + "?"
                    + URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            try {
                answer.get().send(ex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (cut off): nothing to answer
            } finally {
                ex.close();
            }
        });
        server.start();
        api = new PrometheusHttpApi(() -> URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Answer json(int status, String body) {
        return ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        };
    }

    private List<Sample> ask(String expr) {
        return api.query(expr, Instant.parse("2026-12-07T10:00:30.250Z"), Duration.ofSeconds(2));
    }

    private String refusal(String expr) {
        return assertThrows(PrometheusQuery.Failure.class, () -> ask(expr)).getMessage();
    }

    @Test
    void aVector_becomesSamples_withoutTheMetricName_askedAtTheCycleInstant() {
        answer.set(json(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"collector","instance":"10.0.1.5:9090"},"value":[1796637630.25,"0"]},
                  {"metric":{"job":"bot"},"value":[1796637630.25,"+Inf"]}]}}"""));
        List<Sample> v = ask("up{job=~\"c.*\"} == 0");
        assertEquals(List.of(new Sample(Labels.of("instance", "10.0.1.5:9090", "job", "collector"), 0.0),
                new Sample(Labels.of("job", "bot"), Double.POSITIVE_INFINITY)), v);
        assertEquals("GET /api/v1/query?query=up{job=~\"c.*\"} == 0&time=1796637630.250", asked.get());
    }

    @Test
    void aScalar_isOneSampleWithoutLabels() {
        answer.set(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796637630,\"2.5\"]}}"));
        assertEquals(List.of(new Sample(Labels.EMPTY, 2.5)), ask("vector(2.5)"));
    }

    @Test
    void prometheusRefusal_isNamed_withItsErrorCut() {
        answer.set(json(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected "
                + "x".repeat(1000) + "\"}"));
        String m = refusal("up ==");
        assertTrue(m.startsWith("the monitor's Prometheus at 127.0.0.1:") && m.contains("refused the query (HTTP 400, bad_data): "
                + "1:5: parse error"), m);
        assertTrue(m.length() < 500, m);
    }

    @Test
    void garbage_anEnvelopeMissing_aMatrix_andBadValues_areRefused() {
        answer.set(json(200, "<html>oops</html>"));
        assertTrue(refusal("up").contains("not JSON"));
        answer.set(json(200, "{\"data\":{}}"));
        assertTrue(refusal("up").contains("without Prometheus' {status, data} envelope"));
        answer.set(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"));
        assertTrue(refusal("up[5m]").contains("answered a matrix, not an instant vector"));
        answer.set(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"high\"]}]}}"));
        assertTrue(refusal("up").contains("not a number"));
        answer.set(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1},\"value\":[1,\"1\"]}]}}"));
        assertTrue(refusal("up").contains("label that is not a string"));
        answer.set(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"1\"]}]}}"));
        assertTrue(refusal("up").contains("without its metric labels"));
    }

    @Test
    void anOversizedAnswer_isCutOff_andFailsWhole() {
        answer.set(ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[".getBytes());
            byte[] one = "{\"metric\":{\"job\":\"x\"},\"value\":[1,\"1\"]},".getBytes();
            for (int i = 0; i < 60_000; i++) {
                out.write(one);
            }
        });
        String m = refusal("up");
        assertTrue(m.contains("answered more than 1048576 bytes"), m);
    }

    @Test
    void tooManySamples_areRefused() {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i <= PrometheusHttpApi.MAX_SAMPLES; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":{\"i\":\"").append(i).append("\"},\"value\":[1,\"1\"]}");
        }
        answer.set(json(200, b.append("]}}").toString()));
        String m = refusal("up");
        assertTrue(m.contains("answered 10001 samples; at most 10000"), m);
    }

    @Test
    void aSlowAnswer_isCutOffAtTheTimeout() {
        answer.set(ex -> Thread.sleep(10_000));
        long t0 = System.nanoTime();
        PrometheusQuery.Failure f = assertThrows(PrometheusQuery.Failure.class,
                () -> api.query("up", Instant.now(), Duration.ofMillis(400)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(f.getMessage().contains("did not answer within 400 ms"), f::getMessage);
        assertTrue(ms < 3_000, "cut off after " + ms + " ms");
    }

    @Test
    void aBodyThatTrickles_isCutOffAtTheTimeoutToo() {
        answer.set(ex -> {
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; i < 100; i++) {
                ex.getResponseBody().write(' ');
                ex.getResponseBody().flush();
                Thread.sleep(100);
            }
        });
        long t0 = System.nanoTime();
        PrometheusQuery.Failure f = assertThrows(PrometheusQuery.Failure.class,
                () -> api.query("up", Instant.now(), Duration.ofMillis(500)));
        assertTrue(f.getMessage().contains("did not answer within 500 ms"), f::getMessage);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3_000);
    }

    @Test
    void nothingListening_isARefusalNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PrometheusHttpApi closed = new PrometheusHttpApi(() -> URI.create("http://127.0.0.1:" + port));
        String m = assertThrows(PrometheusQuery.Failure.class, () -> closed.query("up", Instant.now(), Duration.ofSeconds(2)))
                .getMessage();
        assertTrue(m.startsWith("cannot reach the monitor's Prometheus at 127.0.0.1:" + port), m);
        assertFalse(m.contains("query="), "the query string is never quoted");
    }
}
