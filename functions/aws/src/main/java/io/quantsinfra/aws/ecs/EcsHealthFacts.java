package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.health.ContainerFacts;
import io.quantsinfra.core.health.ContainerHealth;
import io.quantsinfra.core.health.DeploymentFacts;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthFacts;
import io.quantsinfra.core.health.HealthProbe;
import io.quantsinfra.core.health.ServiceEventFacts;
import io.quantsinfra.core.health.ServiceFacts;
import io.quantsinfra.core.health.TaskFacts;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Maps ECS model objects (from {@code DescribeServices} and {@code DescribeTasks}) into the core
 * health facts, and finds the address to probe. Static and pure: no calls, no clock.
 *
 * {@snippet :
 * Service service = ecs.describeServices(r -> r.cluster(cluster).services(id)).services().getFirst();
 * List<Task> tasks = ...; // DescribeTasks over ListTasks(serviceName, RUNNING) + ListTasks(serviceName, STOPPED)
 * List<EndpointProbe> probes = EcsHealthFacts.probeRunningTask(probe, tasks, endpoints);
 * HealthReport report = rules.evaluate(EcsHealthFacts.healthFacts(service, tasks, probes, now), now);
 * }
 */
public final class EcsHealthFacts {

    /** Why nothing was probed when no running task has an ENI address (always so on the emulator). */
    public static final String NO_ADDRESS = "no running task has a reachable address";

    static final String ENI_ATTACHMENT = "ElasticNetworkInterface";
    static final String PRIVATE_IPV4 = "privateIPv4Address";

    private EcsHealthFacts() {
    }

    /** All the facts for one instance; {@code restartsLastHour} is counted from {@code tasks} as of {@code now}. */
    public static HealthFacts healthFacts(Service service, List<Task> tasks, List<EndpointProbe> probes, Instant now) {
        return HealthFacts.of(service(service), tasks(tasks), probes, now);
    }

    /** Tasks stopped in the hour before {@code now} that no user or scale-in stopped. */
    public static int restartsLastHour(List<Task> tasks, Instant now) {
        return HealthFacts.countRestarts(tasks(tasks), now);
    }

    /**
     * The private IPv4 address of a RUNNING task, from its ENI attachment
     * ({@code attachments[type=ElasticNetworkInterface].details[name=privateIPv4Address]}).
     * Empty for tasks that are not running or have no such attachment, and when the value is not a plain IPv4
     * address a task can have (no name, no loopback or link-local): nothing but what ECS reports steers the probe,
     * and even that cannot point it at the metadata service or the control plane's own loopback.
     */
    public static Optional<String> privateIpv4(Task task) {
        if (!"RUNNING".equals(task.lastStatus())) {
            return Optional.empty();
        }
        return task.attachments().stream()
                .filter(a -> ENI_ATTACHMENT.equals(a.type()))
                .map(Attachment::details)
                .flatMap(List::stream)
                .filter(kv -> PRIVATE_IPV4.equals(kv.name()))
                .map(KeyValuePair::value)
                .filter(io.quantsinfra.core.egress.Addresses::isTaskAddress)
                .findFirst();
    }

    /** The address of the first RUNNING task that has one, newest task first. */
    public static Optional<String> probeAddress(List<Task> tasks) {
        return tasks.stream()
                .sorted(Comparator.comparing(Task::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(EcsHealthFacts::privateIpv4)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Probes the endpoints at {@link #probeAddress}, or marks them {@link #NO_ADDRESS} without
     * sending anything when there is none.
     */
    public static List<EndpointProbe> probeRunningTask(HealthProbe probe, List<Task> tasks, List<HealthEndpoint> endpoints) {
        return probeAddress(tasks)
                .map(address -> probe.probe(address, endpoints))
                .orElseGet(() -> EndpointProbe.notProbed(endpoints, NO_ADDRESS));
    }

    /** Service counts, deployments and events. */
    public static ServiceFacts service(Service s) {
        return new ServiceFacts(s.serviceName(), s.status(), count(s.desiredCount()), count(s.runningCount()),
                count(s.pendingCount()),
                s.deployments().stream().map(EcsHealthFacts::deployment).toList(),
                s.events().stream().map(EcsHealthFacts::event).toList());
    }

    /** One deployment; missing counts read as 0, an unknown rollout state as none. */
    public static DeploymentFacts deployment(Deployment d) {
        return new DeploymentFacts(d.id(), DeploymentFacts.Role.parse(d.status()),
                DeploymentFacts.RolloutState.parse(d.rolloutStateAsString()), d.rolloutStateReason(),
                count(d.desiredCount()), count(d.runningCount()), count(d.failedTasks()), d.createdAt(), d.updatedAt());
    }

    /** One service event. */
    public static ServiceEventFacts event(ServiceEvent e) {
        return new ServiceEventFacts(e.message() == null ? "" : e.message(),
                e.createdAt() == null ? Instant.EPOCH : e.createdAt());
    }

    /** Every task, in order. */
    public static List<TaskFacts> tasks(List<Task> tasks) {
        return tasks.stream().map(EcsHealthFacts::task).toList();
    }

    /** One task with its status, health, stop code and reason, and containers. */
    public static TaskFacts task(Task t) {
        return new TaskFacts(t.taskArn(), t.lastStatus(), t.desiredStatus(),
                ContainerHealth.parse(t.healthStatusAsString()), t.startedAt(), t.stoppedAt(), t.stoppedReason(),
                t.stopCodeAsString(), t.containers().stream().map(EcsHealthFacts::container).toList());
    }

    /** One container with its health status, exit code and reason. */
    public static ContainerFacts container(Container c) {
        return new ContainerFacts(c.name(), c.lastStatus(), ContainerHealth.parse(c.healthStatusAsString()),
                c.exitCode(), c.reason());
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
