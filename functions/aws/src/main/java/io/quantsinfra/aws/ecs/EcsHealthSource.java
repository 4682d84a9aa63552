package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.core.health.HealthProbe;
import io.quantsinfra.core.status.HealthFactsSource;
import io.quantsinfra.core.status.ProbeCredentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Health facts from ECS: the instance's service, its running and recently stopped tasks (ECS keeps
 * stopped tasks for about an hour, which is the restart window), and a probe of a running task's
 * private address.
 */
public final class EcsHealthSource implements HealthFactsSource {
    private final EcsClient ecs;
    private final String cluster;
    private final HealthProbe probe;
    private final ProbeCredentials credentials;
    private final TaskAddresses addresses;

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
    }

    @Override
    public HealthFacts gather(InstanceId instance, List<HealthEndpoint> endpoints, Instant now) {
        String name = instance.toString();
        Service service = AwsErrors.call("describe ECS service " + name, () -> ecs.describeServices(r -> r
                .cluster(cluster).services(name)).services()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("instance " + name + " does not exist"));
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(AwsErrors.call("list tasks of " + name, () -> ecs.listTasks(r -> r.cluster(cluster)
                    .serviceName(name).desiredStatus(status).maxResults(50)).taskArns()));
        }
        List<Task> tasks = arns.isEmpty() ? List.of() : AwsErrors.call("describe tasks of " + name,
                () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks());
        HealthProbe prober = credentials == null ? probe : probe.withHeaders(e -> credentials.headers(instance, e));
        java.util.Optional<String> address = addresses.of(instance, tasks);
        List<EndpointProbe> probes = address.map(a -> prober.probe(a, endpoints))
                .orElseGet(() -> EndpointProbe.notProbed(endpoints, EcsHealthFacts.NO_ADDRESS));
        return EcsHealthFacts.healthFacts(service, tasks, probes, now).withProbeAddress(address.orElse(null));
    }
}
