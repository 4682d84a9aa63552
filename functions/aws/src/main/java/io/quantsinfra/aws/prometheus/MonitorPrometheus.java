package io.quantsinfra.aws.prometheus;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.ecs.EcsInstanceAddresses;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.core.catalog.MonitorService;
import io.quantsinfra.core.egress.IpLiterals;
import io.quantsinfra.core.metrics.PrometheusQuery;
import io.quantsinfra.core.monitor.InstanceAddresses;
import io.quantsinfra.core.monitor.RunningInstance;
import io.quantsinfra.core.promql.Sample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the monitor's Prometheus answers, and the {@link PrometheusQuery} over it. On AWS: the private IPv4 of the
 * running task of the {@code monitor} instance, as ECS reports it (ListServices/DescribeServices for the registry,
 * ListTasks/DescribeTasks for the task; the same reads the health probe makes), on Prometheus' fixed port
 * {@value MonitorService#PROMETHEUS_PORT}; only a plain IP literal ECS reports is ever called. The address is kept
 * {@link #CACHE} and looked up again after a failed call. In local mode {@link AwsSettings#PROMETHEUS_URL} (loopback
 * only) stands for it. Without a monitor, or when the control plane cannot reach tasks, every query fails saying so.
 *
 * {@snippet :
 * Alerting.Options o = options.withPrometheus(MonitorPrometheus.query(clients));
 * }
 */
public final class MonitorPrometheus implements Supplier<URI> {
    /** How long a found address is used before ECS is asked again (a failed call forgets it at once). */
    public static final Duration CACHE = Duration.ofMinutes(1);

    private final Supplier<List<RunningInstance>> monitors;
    private URI cached;
    private long cachedAt;

    MonitorPrometheus(Supplier<List<RunningInstance>> monitors) {
        this.monitors = monitors;
    }

    /** The query port the settings describe: the loopback override, the monitor in ECS, or a refusal saying why. */
    public static PrometheusQuery query(AwsClients clients) {
        AwsSettings s = clients.settings();
        if (s.prometheusUrl() != null) {
            URI fixed = s.prometheusUrl();
            return new PrometheusHttpApi(() -> fixed);
        }
        if (!s.probeInstances()) {
            return (expression, time, timeout) -> {
                throw new PrometheusQuery.Failure("the control plane cannot reach tasks (" + AwsSettings.HEALTH_PROBE
                        + "=false, no NAT), so it cannot ask the monitor's Prometheus");
            };
        }
        MonitorPrometheus where = new MonitorPrometheus(new Supplier<>() {
            private InstanceAddresses addresses;

            @Override
            public synchronized List<RunningInstance> get() {
                if (addresses == null) {
                    var ecs = clients.ecs();
                    addresses = new EcsInstanceAddresses(ecs, s.cluster(), new EcsPlatform(ecs, s), List.of("monitor"));
                }
                return addresses.running();
            }
        });
        return where.over(new PrometheusHttpApi(where));
    }

    /** {@code api}, forgetting the address whenever a call through it fails. */
    PrometheusQuery over(PrometheusQuery api) {
        return new PrometheusQuery() {
            @Override
            public List<Sample> query(String expression, Instant time, Duration timeout) {
                try {
                    return api.query(expression, time, timeout);
                } catch (PrometheusQuery.Failure e) {
                    forget();
                    throw e;
                }
            }
        };
    }

    @Override
    public synchronized URI get() {
        if (cached != null && System.nanoTime() - cachedAt < CACHE.toNanos()) {
            return cached;
        }
        List<RunningInstance> running;
        try {
            running = monitors.get();
        } catch (RuntimeException e) {
            throw new PrometheusQuery.Failure("cannot find the monitor's task in ECS (" + e.getClass().getSimpleName() + ")");
        }
        String address = running.stream().map(RunningInstance::address)
                .filter(a -> IpLiterals.parse(a).map(b -> b.length == 4).orElse(false) && IpLiterals.isCanonicalIpv4(a))
                .findFirst()
                .orElseThrow(() -> new PrometheusQuery.Failure("no monitor is running (deploy one with quants-infra deploy "
                        + "--service monitor); rules evaluated by the monitor's Prometheus wait for it"));
        cached = URI.create("http://" + address + ":" + MonitorService.PROMETHEUS_PORT);
        cachedAt = System.nanoTime();
        return cached;
    }

    private synchronized void forget() {
        cached = null;
    }
}
