package io.quantsinfra.aws.prometheus;

import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * {@link PrometheusQuery} over Prometheus' HTTP API: {@code GET /api/v1/query?query=<expr>&time=<unix seconds>}.
 * Bounded: the whole call (connect, answer, body) within the timeout the caller gives, the body cut off at
 * {@link #MAX_BODY_BYTES} (the call fails whole), at most {@link #MAX_SAMPLES} samples and {@link #MAX_LABELS} labels
 * per sample. The answer must be Prometheus' envelope ({@code status}, {@code data.resultType}, {@code data.result})
 * with a vector or a scalar; anything else fails naming what was wrong, never quoting the body.
 *
 * {@snippet :
 * PrometheusQuery p = new PrometheusHttpApi(() -> URI.create("http://10.0.1.5:9090"));
 * List<Sample> v = p.query("up == 0", Instant.now(), Duration.ofSeconds(5));
 * }
 */
public final class PrometheusHttpApi implements PrometheusQuery {
    /** The largest answer read: 1 MiB, far above what an alert's vector needs. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The most samples one answer may hold: each becomes an alert. */
    public static final int MAX_SAMPLES = 10_000;
    /** The most labels one sample may carry. */
    public static final int MAX_LABELS = 64;
    /** The longest label name or value read. */
    public static final int MAX_LABEL_LENGTH = 4096;

    private final Supplier<URI> location;
    private final HttpClient client;
    private final int maxBodyBytes;

    /** @param location the base URL ({@code http://host:port}); may throw {@link Failure} saying why there is none */
    public PrometheusHttpApi(Supplier<URI> location) {
        this(location, MAX_BODY_BYTES);
    }

    PrometheusHttpApi(Supplier<URI> location, int maxBodyBytes) {
        this.location = location;
        this.maxBodyBytes = maxBodyBytes;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<Sample> query(String expression, Instant time, Duration timeout) {
        URI base = location.get();
        String where = "the monitor's Prometheus at " + base.getRawAuthority();
        long started = System.nanoTime();
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8) + "&time=" + seconds(time));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, info -> new Capped(maxBodyBytes));
        HttpResponse<byte[]> response;
        try {
            response = call.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new Failure(where + " did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while asking " + where);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TooLarge || c != null && c.getCause() instanceof TooLarge) {
                throw new Failure(where + " answered more than " + maxBodyBytes + " bytes; narrow the expression");
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                throw new Failure(where + " did not answer within " + timeout.toMillis() + " ms");
            }
            throw new Failure("cannot reach " + where + " (" + (c instanceof IOException && c.getMessage() != null
                    ? c.getClass().getSimpleName() : c == null ? "unknown" : c.getClass().getSimpleName()) + ")");
        }
        return parse(where, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String seconds(Instant t) {
        return java.math.BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    /** The samples of an answer; {@link Failure} naming what is wrong with it. */
    static List<Sample> parse(String where, int status, String body) {
        JsonNode root;
        try {
            root = JsonNode.parser().parse(body);
        } catch (RuntimeException e) {
            throw new Failure(where + " answered HTTP " + status + " with a body that is not JSON");
        }
        if (!root.isObject() || field(root, "status") == null || !field(root, "status").isString()) {
            throw new Failure(where + " answered HTTP " + status + " without Prometheus' {status, data} envelope");
        }
        if (!"success".equals(field(root, "status").asString()) || status / 100 != 2) {
            JsonNode type = field(root, "errorType");
            JsonNode error = field(root, "error");
            throw new Failure(where + " refused the query (HTTP " + status
                    + (type != null && type.isString() ? ", " + cut(type.asString(), 40) : "") + ")"
                    + (error != null && error.isString() ? ": " + cut(error.asString(), 300) : ""));
        }
        JsonNode data = field(root, "data");
        if (data == null || !data.isObject() || field(data, "resultType") == null || !field(data, "resultType").isString()
                || field(data, "result") == null) {
            throw new Failure(where + " answered without data.resultType and data.result");
        }
        String type = field(data, "resultType").asString();
        JsonNode result = field(data, "result");
        return switch (type) {
            case "vector" -> vector(where, result);
            case "scalar" -> List.of(new Sample(Labels.EMPTY, value(where, result)));
            default -> throw new Failure(where + " answered a " + cut(type, 20) + ", not an instant vector; an alert "
                    + "expression gives an instant vector");
        };
    }

    private static List<Sample> vector(String where, JsonNode result) {
        if (!result.isArray()) {
            throw new Failure(where + " answered a vector whose result is not a list");
        }
        List<JsonNode> items = result.asArray();
        if (items.size() > MAX_SAMPLES) {
            throw new Failure(where + " answered " + items.size() + " samples; at most " + MAX_SAMPLES
                    + " are read (each is an alert): narrow the expression");
        }
        List<Sample> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            JsonNode metric = item.isObject() ? field(item, "metric") : null;
            if (metric == null || !metric.isObject()) {
                throw new Failure(where + " answered a sample without its metric labels");
            }
            Map<String, JsonNode> labels = metric.asObject();
            if (labels.size() > MAX_LABELS) {
                throw new Failure(where + " answered a sample with " + labels.size() + " labels; at most " + MAX_LABELS);
            }
            Map<String, String> l = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : labels.entrySet()) {
                if (!e.getValue().isString() || e.getKey().length() > MAX_LABEL_LENGTH
                        || e.getValue().asString().length() > MAX_LABEL_LENGTH) {
                    throw new Failure(where + " answered a label that is not a string of at most " + MAX_LABEL_LENGTH
                            + " characters");
                }
                if (!e.getKey().equals("__name__")) {
                    l.put(e.getKey(), e.getValue().asString());
                }
            }
            out.add(new Sample(Labels.of(l), value(where, field(item, "value"))));
        }
        return out;
    }

    /** {@code [<unix seconds>, "<value>"]}; Prometheus writes NaN and ±Inf as "NaN", "+Inf", "-Inf". */
    private static double value(String where, JsonNode pair) {
        if (pair == null || !pair.isArray() || pair.asArray().size() != 2 || !pair.asArray().get(1).isString()) {
            throw new Failure(where + " answered a sample without a [time, \"value\"] pair");
        }
        String v = pair.asArray().get(1).asString();
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    if (v.length() > 64) {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new Failure(where + " answered a sample value that is not a number");
                }
        }
    }

    private static JsonNode field(JsonNode object, String name) {
        JsonNode v = object.asObject().get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static String cut(String s, int max) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large", null);
        }
    }

    /** A byte-array body that fails as soon as it passes {@code max} bytes, cancelling the rest. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> inner = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final int max;
        private long seen;
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            inner.onSubscribe(s);
            inner.getBody().whenComplete((b, e) -> {
                if (e == null) {
                    body.complete(b);
                } else {
                    body.completeExceptionally(e);
                }
            });
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                seen += b.remaining();
            }
            if (seen > max) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge());
                return;
            }
            inner.onNext(items);
        }

        @Override
        public void onError(Throwable t) {
            inner.onError(t);
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }
}
