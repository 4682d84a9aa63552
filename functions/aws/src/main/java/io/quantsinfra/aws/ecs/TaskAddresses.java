package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.deploy.InstanceId;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Where an instance's endpoints are probed, from its tasks. {@link #ECS} is the only one production wires: the
 * private IPv4 of a running task's ENI, never loopback or a name ({@link EcsHealthFacts#probeAddress}). Tests in
 * local mode, where the emulator runs no task, pass one that answers a loopback stand-in's address; there is no
 * setting that selects it.
 */
@FunctionalInterface
public interface TaskAddresses {
    TaskAddresses ECS = (instance, tasks) -> EcsHealthFacts.probeAddress(tasks);

    Optional<String> of(InstanceId instance, List<Task> tasks);
}
