package io.quantsinfra.core.deploy;

import java.util.List;
import java.util.Optional;

/**
 * Port: where instances run. The ECS adapter implements it with one ECS service per instance and a
 * task definition family per instance.
 */
public interface ContainerPlatform {

    /** Active instances of {@code service}, sorted by index, with their current task spec read back. */
    List<InstanceState> instances(String service);

    /** Every active instance of every service quants-infra manages. */
    List<InstanceState> allInstances();

    /** One instance, if it exists and is active. */
    Optional<InstanceState> instance(InstanceId id);

    /** Registers a new revision of {@code spec.family()} and returns its reference. */
    TaskDefinitionRef register(TaskSpec spec);

    /** Creates the instance's service running {@code taskDefinition} with {@code desiredCount}. */
    void create(InstanceId id, TaskDefinitionRef taskDefinition, Placement placement, int desiredCount);

    /**
     * Updates an instance. {@code null} arguments are left as they are; {@code forceNewDeployment}
     * restarts its tasks even when nothing else changed.
     */
    void update(InstanceId id, TaskDefinitionRef taskDefinition, Placement placement, Integer desiredCount,
                boolean forceNewDeployment);

    /** Deletes the instance's service (scaling it to 0 first). */
    void delete(InstanceId id);

    /** Every registered, active revision of a task definition family. */
    List<TaskDefinitionRef> revisions(String family);

    /** Deregisters one task definition revision. */
    void deregister(TaskDefinitionRef taskDefinition);

    /** A registered task definition revision. */
    record TaskDefinitionRef(String arn, String family, int revision) {}
}
