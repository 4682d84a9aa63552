package io.quantsinfra.core.health;

import io.quantsinfra.core.error.InvalidInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link HealthProbe} over {@code java.net.http}: GETs every endpoint in parallel, each bounded by
 * one timeout (default 2 s) that covers connecting, the answer and its body, and reads the body
 * as the endpoint's {@link HealthEndpoint.Reading} says.
 *
 * {@snippet :
 * HealthProbe probe = HttpHealthProbe.builder()
 *         .timeout(Duration.ofSeconds(1))
 *         .headers(e -> e.component().equals("freqtrade") ? Map.of("Authorization", basic) : Map.of())
 *         .build();
 * List<EndpointProbe> results = probe.probe("10.0.1.23", endpoints);
 * }
 */
public final class HttpHealthProbe implements HealthProbe {

    /** Timeout per endpoint unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Freqtrade's {@code /api/v1/health} field, epoch seconds or {@code null}; no JSON library needed for one field. */
    private static final Pattern LAST_PROCESS_TS =
            Pattern.compile("\"last_process_ts\"\\s*:\\s*(null|-?\\d+(?:\\.\\d+)?)");

    /**
     * The client; the default one is built at the first probe (a JDK HTTP client sets up TLS and starts a selector
     * thread, and the API builds a probe for every status request, which never probes) and shared by
     * {@link #withHeaders} copies.
     */
    private final Supplier<HttpClient> client;
    private final Clock clock;
    private final Duration timeout;
    private final Function<HealthEndpoint, Map<String, String>> headers;

    private HttpHealthProbe(Builder b) {
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.headers = b.headers;
        HttpClient given = b.client;
        Duration connect = b.timeout;
        this.client = given != null ? () -> given : b.shared != null ? b.shared : new Supplier<>() {
            private HttpClient built;

            @Override
            public synchronized HttpClient get() {
                if (built == null) {
                    built = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                return built;
            }
        };
    }

    /** A probe with the default client, the system clock and {@link #DEFAULT_TIMEOUT}. */
    public static HttpHealthProbe create() {
        return builder().build();
    }

    @Override
    public HealthProbe withHeaders(Function<HealthEndpoint, Map<String, String>> extra) {
        Builder copy = builder().clock(clock).timeout(timeout).headers(e -> {
            Map<String, String> all = new java.util.LinkedHashMap<>(headers.apply(e));
            all.putAll(extra.apply(e));
            return all;
        });
        copy.shared = client;
        return copy.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<EndpointProbe> probe(String address, List<HealthEndpoint> endpoints) {
        Objects.requireNonNull(endpoints, "endpoints");
        if (address == null || address.isBlank()) {
            return EndpointProbe.notProbed(endpoints, "no address to probe");
        }
        List<InFlight> inFlight = new ArrayList<>();
        for (HealthEndpoint e : endpoints) {
            inFlight.add(send(address, e));
        }
        List<EndpointProbe> results = new ArrayList<>();
        for (InFlight f : inFlight) {
            results.add(new EndpointProbe(f.endpoint(), f.await(timeout)));
        }
        return List.copyOf(results);
    }

    private InFlight send(String address, HealthEndpoint e) {
        HttpRequest.Builder request;
        try {
            URI uri = new URI("http", null, unbracket(address), e.port(), e.path(), null, null);
            request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
            headers.apply(e).forEach(request::header);
        } catch (URISyntaxException | IllegalArgumentException ex) {
            // A bad address or a restricted header must not break the other endpoints' probes.
            return InFlight.failed(e, "cannot build the request for " + address + ":" + e.port() + e.path()
                    + ": " + ex.getMessage());
        }
        long start = clock.millis();
        CompletableFuture<HttpResponse<byte[]>> sent = client.get().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<ProbeResult> read = sent.thenApply(r -> read(e, r.statusCode(), clock.millis() - start, r.body()));
        return new InFlight(e, sent, read);
    }

    /**
     * Reads an answer as {@code endpoint.reading()} says: Freqtrade's {@code last_process_ts},
     * or at least one sample line on a metrics page.
     */
    static ProbeResult.Answered read(HealthEndpoint endpoint, int status, long latencyMs, byte[] body) {
        boolean success = status >= 200 && status < 300;
        if (!success) {
            return new ProbeResult.Answered(status, latencyMs, null, null);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return switch (endpoint.reading()) {
            case HTTP_OK -> new ProbeResult.Answered(status, latencyMs, null, null);
            case PROMETHEUS_METRICS -> new ProbeResult.Answered(status, latencyMs, null,
                    text.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))
                            ? null : "the metrics page has no samples");
            case FREQTRADE_LAST_PROCESS -> readLastProcess(status, latencyMs, text);
        };
    }

    private static ProbeResult.Answered readLastProcess(int status, long latencyMs, String text) {
        Matcher m = LAST_PROCESS_TS.matcher(text);
        if (!m.find()) {
            return new ProbeResult.Answered(status, latencyMs, null, "its body has no last_process_ts");
        }
        if (m.group(1).equals("null")) {
            return new ProbeResult.Answered(status, latencyMs, null, null);
        }
        double seconds = Double.parseDouble(m.group(1));
        Instant at = Instant.ofEpochMilli(Math.round(seconds * 1000));
        return new ProbeResult.Answered(status, latencyMs, at, null);
    }

    private static String unbracket(String address) {
        String a = address.strip();
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    /** A request on its way: {@code sent} is kept to cancel the exchange on timeout. */
    private record InFlight(HealthEndpoint endpoint, CompletableFuture<?> sent, CompletableFuture<ProbeResult> read) {

        static InFlight failed(HealthEndpoint e, String reason) {
            CompletableFuture<ProbeResult> done = CompletableFuture.completedFuture(new ProbeResult.Failed(reason));
            return new InFlight(e, done, done);
        }

        /** Requests were sent together, so each gets its full timeout plus a little for reading the body. */
        ProbeResult await(Duration timeout) {
            try {
                return read.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException ex) {
                sent.cancel(true);
                return new ProbeResult.TimedOut(timeout.toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                sent.cancel(true);
                return new ProbeResult.Failed("interrupted while waiting for an answer");
            } catch (ExecutionException ex) {
                return failure(ex.getCause(), timeout);
            }
        }

        private static ProbeResult failure(Throwable cause, Duration timeout) {
            if (cause instanceof HttpTimeoutException) {
                return new ProbeResult.TimedOut(timeout.toMillis());
            }
            if (cause instanceof ConnectException) {
                return new ProbeResult.Failed("connection refused");
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                return new ProbeResult.Failed(cause.getMessage());
            }
            return new ProbeResult.Failed(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /** Settings with defaults; {@link #build()} validates them. */
    public static final class Builder {
        private HttpClient client;
        /** A probe's own client, lazily built, handed to its {@link #withHeaders} copies. */
        private Supplier<HttpClient> shared;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Function<HealthEndpoint, Map<String, String>> headers = e -> Map.of();

        private Builder() {
        }

        /** The client to use; by default one with a connect timeout equal to {@link #timeout(Duration)}. */
        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The clock latency is measured with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Per-endpoint timeout, positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Extra request headers per endpoint, e.g. Freqtrade's API credentials. */
        public Builder headers(Function<HealthEndpoint, Map<String, String>> headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public HttpHealthProbe build() {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("timeout", "must be a positive duration, was " + timeout);
            }
            return new HttpHealthProbe(this);
        }
    }
}
