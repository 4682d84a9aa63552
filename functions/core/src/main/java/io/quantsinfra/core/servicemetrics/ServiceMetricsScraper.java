package io.quantsinfra.core.servicemetrics;

import io.quantsinfra.core.catalog.DataCollectorService;
import io.quantsinfra.core.catalog.FreqtradeService;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.health.HealthEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * {@link ServiceMetrics} over {@code java.net.http}, bounded per instance: a data collector costs one GET of its
 * metrics page; a Freqtrade bot four GETs of its REST API ({@code /profit}, then {@code /count},
 * {@code /show_config} and {@code /trades?limit=50} at once), each with the bot's API login (HTTP basic, which
 * Freqtrade accepts on every endpoint, so no JWT is ever requested or held). Every call has one timeout
 * (default 2 s) covering connect, answer and body, and a body limit (default 1 MiB); so a bot takes at most two
 * timeouts, a collector one. Other services are not read.
 *
 * {@snippet :
 * ServiceMetrics m = ServiceMetricsScraper.builder().headers(credentials::headers).build();
 * ServiceMetrics.Scraped s = m.scrape(new ServiceMetrics.Target(id, type, endpoints, "10.0.1.23"), now);
 * }
 */
public final class ServiceMetricsScraper implements ServiceMetrics {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBodyBytes;
    private final Exposition.Limits limits;
    private final BiFunction<InstanceId, HealthEndpoint, Map<String, String>> headers;

    private ServiceMetricsScraper(Builder b) {
        this.timeout = b.timeout;
        this.maxBodyBytes = b.maxBodyBytes;
        this.limits = b.limits;
        this.headers = b.headers;
        this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(b.timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Scraped scrape(Target target, Instant now) {
        if (target.type() instanceof DataCollectorService) {
            return endpoint(target, HealthEndpoint.Reading.PROMETHEUS_METRICS)
                    .map(e -> collector(target, e)).orElse(Scraped.NOTHING);
        }
        if (target.type() instanceof FreqtradeService) {
            return endpoint(target, HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS)
                    .map(e -> freqtrade(target, e, now)).orElse(Scraped.NOTHING);
        }
        return Scraped.NOTHING;
    }

    private static java.util.Optional<HealthEndpoint> endpoint(Target t, HealthEndpoint.Reading reading) {
        return t.endpoints().stream().filter(e -> e.reading() == reading).findFirst();
    }

    private Scraped collector(Target t, HealthEndpoint e) {
        BoundedGet.Answer a = get(t, e, e.path(), Map.of()).await(timeout);
        if (a.problem() != null) {
            return new Scraped(Map.of(), List.of(a.problem()));
        }
        try {
            return new Scraped(CollectorMetrics.select(Exposition.parse(a.text(), limits)), List.of());
        } catch (QuantsInfraException ex) {
            return new Scraped(Map.of(), List.of(e.path() + ": " + ex.getMessage()));
        }
    }

    private Scraped freqtrade(Target t, HealthEndpoint e, Instant now) {
        Map<String, String> login = headers.apply(t.instance(), e);
        List<String> problems = new ArrayList<>();
        Map<String, Object> profit = json(get(t, e, "/api/v1/profit", login), problems);
        BoundedGet count = get(t, e, "/api/v1/count", login);
        BoundedGet config = get(t, e, "/api/v1/show_config", login);
        BoundedGet trades = get(t, e, "/api/v1/trades?limit=" + TradingMetrics.RECENT_TRADES + "&offset="
                + TradingMetrics.tradesOffset(profit), login);
        TradingMetrics.Answers answers = new TradingMetrics.Answers(profit, json(count, problems), json(config, problems),
                json(trades, problems));
        return new Scraped(TradingMetrics.compute(answers, now), problems);
    }

    /** The JSON object answered, or {@code null} with the problem noted. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> json(BoundedGet call, List<String> problems) {
        BoundedGet.Answer a = call.await(timeout);
        if (a.problem() != null) {
            problems.add(a.problem());
            return null;
        }
        try {
            if (BoundedJson.parse(a.text(), call.path()) instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            problems.add(call.path() + " answer is not a JSON object");
        } catch (QuantsInfraException ex) {
            problems.add(ex.getMessage());
        }
        return null;
    }

    private BoundedGet get(Target t, HealthEndpoint e, String pathAndQuery, Map<String, String> extra) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : null;
        try {
            URI uri = new URI("http", null, t.address(), e.port(), path, query, null);
            return BoundedGet.send(client, uri, path, extra, timeout, maxBodyBytes);
        } catch (URISyntaxException | IllegalArgumentException ex) {
            return BoundedGet.failed(path, "cannot build the request for port " + e.port());
        }
    }

    /** Settings with defaults; {@link #build()} validates them. */
    public static final class Builder {
        private HttpClient client;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Exposition.Limits limits = Exposition.Limits.DEFAULT;
        private BiFunction<InstanceId, HealthEndpoint, Map<String, String>> headers = (i, e) -> Map.of();

        private Builder() {
        }

        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Per-call timeout, positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Largest body read, in bytes; a larger answer is refused whole. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder limits(Exposition.Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The login headers of a bot's API endpoint (e.g. {@code ProbeCredentials::headers}). */
        public Builder headers(BiFunction<InstanceId, HealthEndpoint, Map<String, String>> headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public ServiceMetricsScraper build() {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("timeout", "must be a positive duration, was " + timeout);
            }
            if (maxBodyBytes < 1024) {
                throw new InvalidInputException("maxBodyBytes", "must be at least 1024, was " + maxBodyBytes);
            }
            return new ServiceMetricsScraper(this);
        }
    }
}
