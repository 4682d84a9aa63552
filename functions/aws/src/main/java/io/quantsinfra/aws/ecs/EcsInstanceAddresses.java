package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.monitor.InstanceAddresses;
import io.quantsinfra.core.monitor.RunningInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The running tasks' addresses of the managed instances of some services, from ECS: the instances from the
 * platform's registry (ECS services tagged {@code managed-by=quants-infra}), their RUNNING tasks
 * ({@code ListTasks}, {@code DescribeTasks}) and each task's ENI address ({@link EcsHealthFacts#privateIpv4}).
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
        List<RunningInstance> out = new ArrayList<>();
        for (String service : services) {
            for (InstanceState instance : platform.instances(service)) {
                List<Integer> ports = ports(instance.spec());
                if ((instance.desired() > 0 || instance.running() > 0) && !ports.isEmpty()) {
                    tasks(instance.id().toString()).stream().map(EcsHealthFacts::privateIpv4).flatMap(Optional::stream)
                            .forEach(address -> out.add(new RunningInstance(instance.id(), address, ports)));
                }
            }
        }
        return out;
    }

    private List<Task> tasks(String name) {
        List<String> arns = AwsErrors.call("list tasks of " + name, () -> ecs.listTasks(r -> r.cluster(cluster)
                .serviceName(name).desiredStatus(DesiredStatus.RUNNING).maxResults(100)).taskArns());
        return arns.isEmpty() ? List.of() : AwsErrors.call("describe tasks of " + name,
                () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks());
    }

    static List<Integer> ports(TaskSpec spec) {
        return spec == null ? List.of() : spec.containers().stream().map(TaskSpec.ContainerSpec::ports)
                .filter(p -> !p.isEmpty()).findFirst().orElse(List.of());
    }
}
