package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.monitor.InstanceAddresses;
import io.quantsinfra.core.monitor.RunningInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The running tasks' addresses of the managed instances of some services, from ECS: the instances from the
 * platform's registry (ECS services tagged {@code managed-by=quants-infra}, listed once), their RUNNING tasks
 * (the cluster's, in pages: {@link EcsServiceTasks}) and each task's ENI address ({@link EcsHealthFacts#privateIpv4}).
 * The ports are the task definition's: the first container with a port (the service's own container).
 */
public final class EcsInstanceAddresses implements InstanceAddresses {
    private final EcsClient ecs;
    private final String cluster;
    private final ContainerPlatform platform;
    private final List<String> services;

    public EcsInstanceAddresses(EcsClient ecs, String cluster, ContainerPlatform platform, List<String> services) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.platform = platform;
        this.services = List.copyOf(services);
    }

    @Override
    public List<RunningInstance> running() {
        List<InstanceState> instances = platform.allInstances().stream()
                .filter(i -> services.contains(i.id().service()))
                .filter(i -> (i.desired() > 0 || i.running() > 0) && !ports(i.spec()).isEmpty())
                .toList();
        Map<String, List<Task>> tasks = new EcsServiceTasks(ecs, cluster)
                .of(instances.stream().map(i -> i.id().toString()).toList(), false);
        List<RunningInstance> out = new ArrayList<>();
        for (InstanceState instance : instances) {
            List<Integer> ports = ports(instance.spec());
            tasks.get(instance.id().toString()).stream().map(EcsHealthFacts::privateIpv4).flatMap(Optional::stream)
                    .forEach(address -> out.add(new RunningInstance(instance.id(), address, ports)));
        }
        return out;
    }

    static List<Integer> ports(TaskSpec spec) {
        return spec == null ? List.of() : spec.containers().stream().map(TaskSpec.ContainerSpec::ports)
                .filter(p -> !p.isEmpty()).findFirst().orElse(List.of());
    }
}
