package io.quantsinfra.core.probe;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.evaluation.Heartbeats;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.core.health.ProbeResult;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.metrics.CloudWatchNames;
import io.quantsinfra.core.metrics.MetricPublisher;
import io.quantsinfra.core.servicemetrics.ServiceMetrics;
import io.quantsinfra.core.status.HealthFactsSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Judges every instance (in parallel) with the same health rules as {@code status}, and publishes, per
 * instance with dimensions {@code service} and {@code instance}, to namespace {@code QuantsInfra}:
 * <ul>
 *   <li>{@code quants_infra_instance_up}: 1 healthy or degraded, 0 unhealthy; <b>no datapoint while unknown</b>
 *       (stopped, starting, nothing probed): unknown is not evidence of down, and an absent series lets
 *       alert rules choose with {@code quants_infra_missing_data};</li>
 *   <li>{@code quants_infra_instance_restarts_1h}, {@code quants_infra_instance_running},
 *       {@code quants_infra_instance_desired}: the ECS facts;</li>
 *   <li>{@code quants_infra_probe_latency_ms} and {@code quants_infra_freqtrade_last_process_age_seconds}:
 *       when the probe measured them;</li>
 *   <li>the services' own metrics ({@link ServiceMetrics}: a collector's allowlisted {@code collector_*} series, a
 *       bot's {@code freqtrade_*} trading metrics) read where the probe reached the instance, with dimensions
 *       {@code service}, {@code instance} and {@code service_name} (the ECS service, the instance id).</li>
 * </ul>
 */
public final class HealthProbeService {
    private final ServiceCatalog catalog;
    private final ContainerPlatform platform;
    private final StateStore state;
    private final HealthFactsSource facts;
    private final HealthRules rules;
    private final MetricPublisher publisher;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private final ServiceMetrics serviceMetrics;

    public HealthProbeService(ServiceCatalog catalog, ContainerPlatform platform, StateStore state, HealthFactsSource facts,
                              HealthRules rules, MetricPublisher publisher, Heartbeats heartbeats, Clock clock) {
        this(catalog, platform, state, facts, rules, publisher, heartbeats, clock, ServiceMetrics.NONE);
    }

    /** Also reading each probed instance's own metrics through {@code serviceMetrics}. */
    public HealthProbeService(ServiceCatalog catalog, ContainerPlatform platform, StateStore state, HealthFactsSource facts,
                              HealthRules rules, MetricPublisher publisher, Heartbeats heartbeats, Clock clock,
                              ServiceMetrics serviceMetrics) {
        this.catalog = catalog;
        this.platform = platform;
        this.state = state;
        this.facts = facts;
        this.rules = rules;
        this.publisher = publisher;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.serviceMetrics = serviceMetrics;
    }

    /** One instance's verdict and whether it was published as up (1), down (0) or not at all (null). */
    public record Verdict(String instance, String service, String health, Integer up, String message) {}

    /** One instance's service metrics: how many values were published, and what could not be read. */
    public record Scrape(String instance, int values, List<String> problems) {}

    /** What one probe run did. */
    public record Report(Instant at, List<Verdict> instances, int datapoints, List<Scrape> serviceMetrics) {
        public Report(Instant at, List<Verdict> instances, int datapoints) {
            this(at, instances, datapoints, List.of());
        }

        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("at", at.toString());
            d.put("datapoints", datapoints);
            List<Object> list = new ArrayList<>();
            for (Verdict v : instances) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("instance", v.instance());
                m.put("service", v.service());
                m.put("health", v.health());
                m.put("up", v.up());
                m.put("message", v.message());
                list.add(m);
            }
            d.put("instances", list);
            List<Object> scrapes = new ArrayList<>();
            for (Scrape s : serviceMetrics) {
                scrapes.add(Map.of("instance", s.instance(), "values", s.values(), "problems", s.problems()));
            }
            d.put("service_metrics", scrapes);
            return d;
        }
    }

    /** What probing one instance found. */
    private record Probed(HealthReport report, ServiceMetrics.Scraped scraped) {}

    public Report run() {
        Instant now = clock.instant();
        List<InstanceState> instances = platform.allInstances();
        Map<String, List<HealthEndpoint>> endpoints = new HashMap<>();
        for (InstanceState s : instances) {
            endpoints.computeIfAbsent(s.id().service(), this::endpoints);
        }
        Map<InstanceId, List<HealthEndpoint>> targets = new LinkedHashMap<>();
        instances.forEach(s -> targets.put(s.id(), endpoints.get(s.id().service())));
        Map<InstanceId, HealthFacts> gathered = facts.gatherAll(targets, now);
        instances = instances.stream().filter(s -> gathered.containsKey(s.id())).toList();
        List<Probed> probed = judgeAll(instances, gathered, endpoints, now);
        List<MetricPublisher.Datum> data = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<Scrape> scrapes = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            InstanceState s = instances.get(i);
            Probed p = probed.get(i);
            verdicts.add(healthData(s, p.report(), now, data));
            ServiceMetrics.Scraped m = p.scraped();
            if (m != ServiceMetrics.Scraped.NOTHING) {
                Map<String, String> dims = Map.of("service", s.id().service(), "instance", s.id().toString(),
                        "service_name", s.id().toString());
                m.values().forEach((name, v) -> data.add(new MetricPublisher.Datum(name, dims, v, now)));
                scrapes.add(new Scrape(s.id().toString(), m.values().size(), m.problems()));
            }
        }
        if (!data.isEmpty()) {
            publisher.publish(CloudWatchNames.OWN_NAMESPACE, data);
        }
        heartbeats.beat(Heartbeats.PROBE, now);
        return new Report(now, verdicts, data.size(), scrapes);
    }

    /** Judges every instance from its gathered facts and reads the services' own metrics, in parallel. */
    private List<Probed> judgeAll(List<InstanceState> instances, Map<InstanceId, HealthFacts> gathered,
                                  Map<String, List<HealthEndpoint>> endpoints, Instant now) {
        List<Probed> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Probed>> futures = new ArrayList<>();
            for (InstanceState s : instances) {
                futures.add(pool.submit(() -> judge(s, gathered.get(s.id()), endpoints.get(s.id().service()), now)));
            }
            for (Future<Probed> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        }
        return out;
    }

    /**
     * Judges one instance; reads its own metrics only where an endpoint answered, so an unreachable instance costs
     * the probe's timeout once, not again per metrics call.
     */
    private Probed judge(InstanceState s, HealthFacts f, List<HealthEndpoint> endpoints, Instant now) {
        HealthReport r = rules.evaluate(f, now);
        boolean answered = f.probes().stream().map(EndpointProbe::result).anyMatch(ProbeResult.Answered.class::isInstance);
        if (f.probeAddress() == null || !answered) {
            return new Probed(r, ServiceMetrics.Scraped.NOTHING);
        }
        ServiceMetrics.Target t = new ServiceMetrics.Target(s.id(), catalog.get(s.id().service()), endpoints, f.probeAddress());
        return new Probed(r, serviceMetrics.scrape(t, now));
    }

    private static Verdict healthData(InstanceState s, HealthReport r, Instant now, List<MetricPublisher.Datum> data) {
        Map<String, String> dims = Map.of("service", s.id().service(), "instance", s.id().toString());
        Integer up = switch (r.status()) {
            case HEALTHY, DEGRADED -> 1;
            case UNHEALTHY -> 0;
            case UNKNOWN -> null;
        };
        if (up != null) {
            data.add(new MetricPublisher.Datum("quants_infra_instance_up", dims, up, now));
        }
        data.add(new MetricPublisher.Datum("quants_infra_instance_running", dims, s.running(), now));
        data.add(new MetricPublisher.Datum("quants_infra_instance_desired", dims, s.desired(), now));
        number(r.metrics().get("restarts_1h")).ifPresent(v -> data.add(new MetricPublisher.Datum(
                "quants_infra_instance_restarts_1h", dims, v, now)));
        number(r.metrics().get("latency_ms")).ifPresent(v -> data.add(new MetricPublisher.Datum(
                "quants_infra_probe_latency_ms", dims, v, now)));
        number(r.metrics().get("last_process_age_s")).ifPresent(v -> data.add(new MetricPublisher.Datum(
                "quants_infra_freqtrade_last_process_age_seconds", dims, v, now)));
        return new Verdict(s.id().toString(), s.id().service(), r.status().value(), up, r.message());
    }

    private static Optional<Double> number(Object o) {
        return o instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    private List<HealthEndpoint> endpoints(String service) {
        ServiceType type = catalog.get(service);
        return state.deployed(type.name()).map(d -> type.healthEndpoints(d.config(), d.overrides())).orElse(List.of());
    }
}
