package io.quantsinfra.core.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A platform-neutral task definition for one instance: what the ECS adapter registers, and what it
 * reads back from a registered task definition so that an unchanged deploy can be recognised by
 * equality ({@code current.equals(desired)}) and a changed one explained by {@link TaskSpecDiff}.
 *
 * <p>{@code cpu} and {@code memory} are Fargate task-level units (cpu in 1/1024 vCPU, memory MiB).
 * Logs go to {@code logGroup} with stream prefix {@code logStreamPrefix} (the instance id).
 *
 * {@snippet :
 * TaskSpec spec = new TaskSpec("data-collector-1", 256, 512, List.of(container), List.of(),
 *         "/quants-infra/data-collector", "data-collector-1", Map.of());
 * }
 */
public record TaskSpec(
        String family,
        int cpu,
        int memory,
        List<ContainerSpec> containers,
        List<VolumeSpec> volumes,
        String logGroup,
        String logStreamPrefix,
        Map<String, String> tags) {

    public TaskSpec {
        Objects.requireNonNull(family, "family");
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    /**
     * One container of the task. Environment is kept sorted so that equality ignores order.
     * {@code entryPoint} replaces the image's own (empty keeps it); {@code command} is passed to it.
     * {@code stopTimeoutSeconds} is how long ECS waits after SIGTERM before SIGKILL ({@code null}: ECS's 30 s).
     */
    public record ContainerSpec(
            String name,
            String image,
            boolean essential,
            List<Integer> ports,
            Map<String, String> environment,
            List<SecretEnv> secrets,
            List<String> command,
            HealthCheckSpec healthCheck,
            int memoryReservation,
            List<MountSpec> mounts,
            List<DependsOn> dependsOn,
            List<String> entryPoint,
            Integer stopTimeoutSeconds) {

        /** A container that keeps its image's entry point. */
        public ContainerSpec(String name, String image, boolean essential, List<Integer> ports,
                             Map<String, String> environment, List<SecretEnv> secrets, List<String> command,
                             HealthCheckSpec healthCheck, int memoryReservation, List<MountSpec> mounts,
                             List<DependsOn> dependsOn) {
            this(name, image, essential, ports, environment, secrets, command, healthCheck, memoryReservation, mounts,
                    dependsOn, List.of(), null);
        }

        /** A container with ECS's default stop timeout. */
        public ContainerSpec(String name, String image, boolean essential, List<Integer> ports,
                             Map<String, String> environment, List<SecretEnv> secrets, List<String> command,
                             HealthCheckSpec healthCheck, int memoryReservation, List<MountSpec> mounts,
                             List<DependsOn> dependsOn, List<String> entryPoint) {
            this(name, image, essential, ports, environment, secrets, command, healthCheck, memoryReservation, mounts,
                    dependsOn, entryPoint, null);
        }

        public ContainerSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            ports = List.copyOf(ports);
            environment = new TreeMap<>(environment);
            secrets = secrets.stream().sorted(java.util.Comparator.comparing(SecretEnv::name)).toList();
            command = List.copyOf(command);
            mounts = List.copyOf(mounts);
            dependsOn = List.copyOf(dependsOn);
            entryPoint = List.copyOf(entryPoint);
        }
    }

    /** An environment variable whose value ECS reads from Secrets Manager ({@code valueFrom} is an ARN, never a value). */
    public record SecretEnv(String name, String valueFrom) {}

    /** Container health check, as ECS runs it ({@code CMD-SHELL} form). {@code null} on a container means none. */
    public record HealthCheckSpec(List<String> command, int intervalSeconds, int timeoutSeconds, int retries,
                                  int startPeriodSeconds) {
        public HealthCheckSpec {
            command = List.copyOf(command);
        }
    }

    /** A task volume: an EFS file system when {@code efsFileSystemId} is set, otherwise task-local scratch space. */
    public record VolumeSpec(String name, String efsFileSystemId, String efsAccessPointId, String rootDirectory) {}

    /** Where a volume is mounted in a container. */
    public record MountSpec(String sourceVolume, String containerPath, boolean readOnly) {}

    /** Start order between containers of one task ({@code condition} is START, COMPLETE, SUCCESS or HEALTHY). */
    public record DependsOn(String containerName, String condition) {}
}
