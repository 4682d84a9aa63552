package io.quantsinfra.aws.ecs;

import io.quantsinfra.core.deploy.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfig;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfigIAM;
import software.amazon.awssdk.services.ecs.model.EFSTransitEncryption;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Maps a {@link TaskSpec} to an ECS Fargate task definition (awsvpc, awslogs) and back. The two directions
 * must agree: a spec registered and read back is equal to itself, which is how an unchanged deploy is
 * recognised without a mutating call.
 */
final class TaskDefinitionMapper {
    /** The tag naming the service type of a task definition (set by the catalogue). */
    static final String SERVICE_TAG = "quants-infra:service";
    /**
     * Put on a spec read back whose task role is not the one its service type gets now (a service deployed before it
     * had a role of its own): the spec then differs, so the next deploy registers a definition with the right role.
     */
    static final String STALE_ROLE_TAG = "quants-infra:previous-task-role";

    private final String region;
    private final String executionRoleArn;
    private final java.util.function.Function<String, String> taskRoleArn;

    /** {@code taskRoleArn}: the task role of a service type (the spec's {@code quants-infra:service} tag). */
    TaskDefinitionMapper(String region, String executionRoleArn, java.util.function.Function<String, String> taskRoleArn) {
        this.region = region;
        this.executionRoleArn = executionRoleArn;
        this.taskRoleArn = taskRoleArn;
    }

    /** The task role a task definition of {@code spec} names: its service type's own. */
    String taskRoleArn(TaskSpec spec) {
        return taskRoleArn.apply(spec.tags().get(SERVICE_TAG));
    }

    RegisterTaskDefinitionRequest toRequest(TaskSpec spec) {
        return RegisterTaskDefinitionRequest.builder()
                .family(spec.family())
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(Integer.toString(spec.cpu()))
                .memory(Integer.toString(spec.memory()))
                .executionRoleArn(executionRoleArn)
                .taskRoleArn(taskRoleArn(spec))
                .containerDefinitions(spec.containers().stream().map(c -> container(spec, c)).toList())
                .volumes(spec.volumes().stream().map(TaskDefinitionMapper::volume).toList())
                .tags(spec.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build();
    }

    private ContainerDefinition container(TaskSpec spec, TaskSpec.ContainerSpec c) {
        ContainerDefinition.Builder b = ContainerDefinition.builder()
                .name(c.name())
                .image(c.image())
                .essential(c.essential())
                .memoryReservation(c.memoryReservation())
                .portMappings(c.ports().stream().map(p -> PortMapping.builder().containerPort(p).hostPort(p)
                        .protocol(TransportProtocol.TCP).build()).toList())
                .environment(c.environment().entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(c.secrets().stream().map(s -> Secret.builder().name(s.name()).valueFrom(s.valueFrom()).build()).toList())
                .mountPoints(c.mounts().stream().map(m -> MountPoint.builder().sourceVolume(m.sourceVolume())
                        .containerPath(m.containerPath()).readOnly(m.readOnly()).build()).toList())
                .dependsOn(c.dependsOn().stream().map(d -> ContainerDependency.builder().containerName(d.containerName())
                        .condition(ContainerCondition.fromValue(d.condition())).build()).toList())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", spec.logGroup(),
                        "awslogs-region", region,
                        "awslogs-stream-prefix", spec.logStreamPrefix())).build());
        if (!c.command().isEmpty()) {
            b.command(c.command());
        }
        if (!c.entryPoint().isEmpty()) {
            b.entryPoint(c.entryPoint());
        }
        if (c.stopTimeoutSeconds() != null) {
            b.stopTimeout(c.stopTimeoutSeconds());
        }
        if (c.healthCheck() != null) {
            TaskSpec.HealthCheckSpec h = c.healthCheck();
            b.healthCheck(HealthCheck.builder().command(h.command()).interval(h.intervalSeconds())
                    .timeout(h.timeoutSeconds()).retries(h.retries()).startPeriod(h.startPeriodSeconds()).build());
        }
        return b.build();
    }

    private static Volume volume(TaskSpec.VolumeSpec v) {
        Volume.Builder b = Volume.builder().name(v.name());
        if (v.efsFileSystemId() != null) {
            EFSVolumeConfiguration.Builder efs = EFSVolumeConfiguration.builder()
                    .fileSystemId(v.efsFileSystemId())
                    .transitEncryption(EFSTransitEncryption.ENABLED);
            if (v.efsAccessPointId() != null) {
                efs.authorizationConfig(EFSAuthorizationConfig.builder().accessPointId(v.efsAccessPointId())
                        .iam(EFSAuthorizationConfigIAM.ENABLED).build());
            } else if (v.rootDirectory() != null) {
                efs.rootDirectory(v.rootDirectory());
            }
            b.efsVolumeConfiguration(efs.build());
        }
        return b.build();
    }

    /** Reads a registered task definition back into a spec. */
    static TaskSpec toSpec(TaskDefinition td, List<Tag> tags) {
        String logGroup = null;
        String prefix = null;
        List<TaskSpec.ContainerSpec> containers = new ArrayList<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            if (c.logConfiguration() != null && logGroup == null) {
                logGroup = c.logConfiguration().options().get("awslogs-group");
                prefix = c.logConfiguration().options().get("awslogs-stream-prefix");
            }
            containers.add(container(c));
        }
        List<TaskSpec.VolumeSpec> volumes = td.volumes().stream().map(TaskDefinitionMapper::volume).toList();
        Map<String, String> tagMap = new LinkedHashMap<>();
        tags.forEach(t -> tagMap.put(t.key(), t.value()));
        return new TaskSpec(td.family(), Integer.parseInt(td.cpu()), Integer.parseInt(td.memory()), containers, volumes,
                logGroup, prefix, tagMap);
    }

    private static TaskSpec.ContainerSpec container(ContainerDefinition c) {
        Map<String, String> env = new LinkedHashMap<>();
        c.environment().forEach(kv -> env.put(kv.name(), kv.value()));
        TaskSpec.HealthCheckSpec hc = c.healthCheck() == null ? null : new TaskSpec.HealthCheckSpec(
                c.healthCheck().command(), orZero(c.healthCheck().interval()), orZero(c.healthCheck().timeout()),
                orZero(c.healthCheck().retries()), orZero(c.healthCheck().startPeriod()));
        return new TaskSpec.ContainerSpec(
                c.name(), c.image(), Boolean.TRUE.equals(c.essential()),
                c.portMappings().stream().map(PortMapping::containerPort).toList(),
                env,
                c.secrets().stream().map(s -> new TaskSpec.SecretEnv(s.name(), s.valueFrom())).toList(),
                c.command(),
                hc,
                orZero(c.memoryReservation()),
                c.mountPoints().stream().map(m -> new TaskSpec.MountSpec(m.sourceVolume(), m.containerPath(),
                        Boolean.TRUE.equals(m.readOnly()))).toList(),
                c.dependsOn().stream().map(d -> new TaskSpec.DependsOn(d.containerName(), d.conditionAsString())).toList(),
                c.entryPoint(),
                c.stopTimeout());
    }

    /** An EFS volume by access point (whose root the access point sets) or by root directory; else a task volume. */
    private static TaskSpec.VolumeSpec volume(Volume v) {
        EFSVolumeConfiguration efs = v.efsVolumeConfiguration();
        if (efs == null) {
            return new TaskSpec.VolumeSpec(v.name(), null, null, null);
        }
        String ap = efs.authorizationConfig() == null ? null : efs.authorizationConfig().accessPointId();
        String root = ap != null ? null : efs.rootDirectory();
        return new TaskSpec.VolumeSpec(v.name(), efs.fileSystemId(), ap, root);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
