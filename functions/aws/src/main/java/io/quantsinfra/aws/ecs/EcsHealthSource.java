package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.core.health.HealthProbe;
import io.quantsinfra.core.health.HttpHealthProbe;
import io.quantsinfra.core.status.HealthFactsSource;
import io.quantsinfra.core.status.ProbeCredentials;
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
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Health facts from ECS: the instance's service, its running and recently stopped tasks (ECS keeps
 * stopped tasks for about an hour, which is the restart window), and a probe of a running task's
 * private address. Many instances at once ({@link #gatherAll}) cost {@code DescribeServices} per ten instances and
 * the cluster's task listing ({@link EcsServiceTasks}) once, then the probes run in parallel.
 */
public final class EcsHealthSource implements HealthFactsSource {
    /** Why nothing was probed when the settings turn probing off (the control plane cannot reach tasks). */
    public static final String PROBING_OFF = "probing is off (QUANTS_INFRA_HEALTH_PROBE=false: the control plane cannot reach tasks)";
    /** Most services one {@code DescribeServices} call takes (ECS's limit). */
    static final int SERVICES_PER_CALL = 10;

    private final EcsClient ecs;
    private final String cluster;
    private final HealthProbe probe;
    private final ProbeCredentials credentials;
    private final TaskAddresses addresses;
    private final EcsServiceTasks tasks;

    /** {@code credentials} may be {@code null} when no endpoint needs a login. */
    public EcsHealthSource(EcsClient ecs, String cluster, HealthProbe probe, ProbeCredentials credentials) {
        this(ecs, cluster, probe, credentials, TaskAddresses.ECS);
    }

    /** Probing at the address {@code addresses} finds ({@link TaskAddresses#ECS} in production). */
    public EcsHealthSource(EcsClient ecs, String cluster, HealthProbe probe, ProbeCredentials credentials,
                           TaskAddresses addresses) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.probe = probe;
        this.credentials = credentials;
        this.addresses = addresses;
        this.tasks = new EcsServiceTasks(ecs, cluster);
    }

    /**
     * The probe the settings ask for: HTTP, or with {@code QUANTS_INFRA_HEALTH_PROBE=false} (the low-cost network
     * mode, where the Lambdas have no route to the tasks) none, every endpoint reported as not probed. Every handler
     * that judges health builds its probe here, so the API and the scheduled probe cannot disagree.
     */
    public static HealthProbe probe(AwsSettings settings) {
        return settings.probeInstances() ? HttpHealthProbe.create()
                : (address, endpoints) -> EndpointProbe.notProbed(endpoints, PROBING_OFF);
    }

    @Override
    public HealthFacts gather(InstanceId instance, List<HealthEndpoint> endpoints, Instant now) {
        String name = instance.toString();
        Service service = AwsErrors.call("describe ECS service " + name, () -> ecs.describeServices(r -> r
                .cluster(cluster).services(name)).services()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("instance " + name + " does not exist"));
        return facts(instance, service, tasks.of(name, true), endpoints, now);
    }

    /** Instances ECS no longer knows (deleted since they were listed) are left out of the answer. */
    @Override
    public Map<InstanceId, HealthFacts> gatherAll(Map<InstanceId, List<HealthEndpoint>> targets, Instant now) {
        Map<String, InstanceId> ids = new LinkedHashMap<>();
        targets.keySet().forEach(id -> ids.put(id.toString(), id));
        Map<String, Service> services = services(new ArrayList<>(ids.keySet()));
        Map<String, List<Task>> byService = tasks.of(services.keySet(), true);
        Map<InstanceId, Future<HealthFacts>> futures = new LinkedHashMap<>();
        Map<InstanceId, HealthFacts> out = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            ids.forEach((name, id) -> {
                Service s = services.get(name);
                if (s != null) {
                    futures.put(id, pool.submit(() -> facts(id, s, byService.get(name), targets.get(id), now)));
                }
            });
            for (Map.Entry<InstanceId, Future<HealthFacts>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        }
        return out;
    }

    /** The services named, {@value #SERVICES_PER_CALL} a call; a name ECS does not know is left out. */
    private Map<String, Service> services(List<String> names) {
        Map<String, Service> out = new HashMap<>();
        for (int i = 0; i < names.size(); i += SERVICES_PER_CALL) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + SERVICES_PER_CALL));
            AwsErrors.call("describe ECS services", () -> ecs.describeServices(r -> r.cluster(cluster).services(batch)).services())
                    .forEach(s -> out.put(s.serviceName(), s));
        }
        return out;
    }

    private HealthFacts facts(InstanceId instance, Service service, List<Task> taskList, List<HealthEndpoint> endpoints,
                              Instant now) {
        HealthProbe prober = credentials == null ? probe : probe.withHeaders(e -> credentials.headers(instance, e));
        Optional<String> address = addresses.of(instance, taskList);
        List<EndpointProbe> probes = address.map(a -> prober.probe(a, endpoints))
                .orElseGet(() -> EndpointProbe.notProbed(endpoints, EcsHealthFacts.NO_ADDRESS));
        return EcsHealthFacts.healthFacts(service, taskList, probes, now).withProbeAddress(address.orElse(null));
    }
}
