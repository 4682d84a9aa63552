package io.quantsinfra.core.catalog;

import static io.quantsinfra.core.catalog.schema.Schema.integer;
import static io.quantsinfra.core.catalog.schema.Schema.list;
import static io.quantsinfra.core.catalog.schema.Schema.string;

import io.quantsinfra.core.catalog.schema.ObjectNode;
import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.Schema;
import io.quantsinfra.core.catalog.schema.Values;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A market-data collector (the quants-lab image): polls {@code pairs} on {@code exchange} every
 * {@code interval} seconds, writes snapshots under {@code output_dir} and serves Prometheus metrics on
 * {@code metrics_port}. Configured through {@code COLLECTOR_*} environment variables.
 *
 * <p>Data goes to EFS when the platform has a collector file system: volume {@code collector-data}
 * mounted at {@code output_dir}. With an access point (shared by all collectors) each instance writes
 * into {@code <output_dir>/<instance>}; without one the volume's root directory is {@code /<instance>}
 * (which must exist on the file system). Without a file system the volume is task-local and the data
 * does not survive a task restart.
 *
 * {@snippet :
 * ServiceConfig c = collector.validate(Map.of("pairs", List.of("VIRTUAL-USDT", "BNKR-USDT")));
 * // exchange gateio, interval 5, output_dir /data, metrics_port 9090
 * }
 */
public final class DataCollectorService implements ServiceType {
    /** The task volume holding collected data. */
    public static final String VOLUME = "collector-data";
    static final String CONTAINER = "data-collector";

    private static final TaskSize DEFAULT_SIZE = new TaskSize(256, 512);
    private static final Set<String> SYSTEM_DIRS = Set.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc",
            "/root", "/run", "/sbin", "/sys", "/usr", "/var", "/tmp");

    static final ObjectNode SCHEMA = Schema.object()
            .defaulted("exchange", string().matching("[a-z0-9_]{1,32}", "an exchange id in lowercase, like \"gateio\""), "gateio")
            .required("pairs", list(string().matching("[A-Z0-9]{1,20}-[A-Z0-9]{1,20}",
                    "a pair written BASE-QUOTE in capitals, like \"VIRTUAL-USDT\""), 1, 200).unique())
            .defaulted("interval", integer(1, 86_400), 5)
            .defaulted("output_dir", string().matching("/[A-Za-z0-9._/-]{0,255}",
                    "an absolute path of letters, digits and . _ - /, like \"/data/orderbook_snapshots\""), "/data")
            .defaulted("metrics_port", integer(1024, 65535), 9090);

    @Override public String name() { return "data-collector"; }
    @Override public String defaultImage() { return "quants-lab:latest"; }
    @Override public int defaultPort() { return 9090; }
    @Override public TaskSize defaultSize() { return DEFAULT_SIZE; }

    @Override
    @SuppressWarnings("unchecked")
    public ServiceConfig validate(Map<String, Object> raw) {
        if (raw == null) {
            throw new InvalidInputException(null, "a data-collector config is required: at least pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) SCHEMA.check(raw, Path.ROOT));
        values.put("output_dir", checkOutputDir((String) values.get("output_dir")));
        return new ServiceConfig(name(), values);
    }

    /** The directory without trailing slashes, or a refusal. */
    private static String checkOutputDir(String dir) {
        Path p = Path.ROOT.key("output_dir");
        for (String seg : dir.split("/")) {
            if (seg.equals("..") || seg.equals(".")) {
                throw p.invalid("must not contain . or .. segments, got " + Values.show(dir));
            }
        }
        String trimmed = dir.replaceAll("/+$", "");
        if (trimmed.isEmpty() || dir.contains("//")) {
            throw p.invalid("expected a directory below /, like \"/data\", got " + Values.show(dir));
        }
        String top = trimmed.indexOf('/', 1) < 0 ? trimmed : trimmed.substring(0, trimmed.indexOf('/', 1));
        if (SYSTEM_DIRS.contains(top)) {
            throw p.invalid("must not be inside the system directory " + top + "; use a directory like \"/data\"");
        }
        return trimmed;
    }

    @Override
    public void validateOverrides(Overrides overrides) {
        Tasks.checkOverrides(overrides, DEFAULT_SIZE, null, null);
    }

    @Override
    public TaskSpec taskSpec(InstanceId instance, ServiceConfig config, Overrides overrides, PlatformContext platform,
                             SecretResolver secrets) {
        Tasks.requireInstanceOf(instance, name());
        Tasks.requireConfigOf(config, name());
        validateOverrides(overrides);
        Map<String, Object> v = validate(config.values()).values();
        TaskSize size = TaskSize.resolve(overrides, DEFAULT_SIZE);
        int port = metricsPort(v, overrides);
        String mountPath = (String) v.get("output_dir");
        boolean efs = platform.collectorFileSystemId() != null;
        boolean sharedRoot = efs && platform.collectorAccessPointId() != null;
        TaskSpec.VolumeSpec volume = !efs
                ? new TaskSpec.VolumeSpec(VOLUME, null, null, null)
                : new TaskSpec.VolumeSpec(VOLUME, platform.collectorFileSystemId(), platform.collectorAccessPointId(),
                        sharedRoot ? null : "/" + instance);
        @SuppressWarnings("unchecked")
        List<String> pairs = (List<String>) v.get("pairs");
        Map<String, String> env = Map.of(
                "COLLECTOR_EXCHANGE", (String) v.get("exchange"),
                "COLLECTOR_PAIRS", String.join(",", pairs),
                "COLLECTOR_INTERVAL", v.get("interval").toString(),
                "COLLECTOR_OUTPUT_DIR", sharedRoot ? mountPath + "/" + instance : mountPath,
                "METRICS_PORT", Integer.toString(port));
        TaskSpec.ContainerSpec container = new TaskSpec.ContainerSpec(CONTAINER,
                overrides.image() != null ? overrides.image() : defaultImage(), true, List.of(port), env, List.of(),
                List.of(), Tasks.anyHttpClient(port, "/metrics", 60), size.memory(),
                List.of(new TaskSpec.MountSpec(VOLUME, mountPath, false)), List.of());
        return Tasks.spec(instance, name(), size, List.of(container), List.of(volume), platform);
    }

    @Override
    public List<HealthEndpoint> healthEndpoints(ServiceConfig config, Overrides overrides) {
        return List.of(new HealthEndpoint(CONTAINER, metricsPort(config.values(), overrides), "/metrics",
                HealthEndpoint.Reading.PROMETHEUS_METRICS));
    }

    @Override
    public List<SecretBinding> secretBindings(ServiceConfig config) {
        Tasks.requireConfigOf(config, name());
        return List.of();
    }

    /** The metrics port: the deploy's port override, else {@code metrics_port}. */
    private static int metricsPort(Map<String, Object> values, Overrides overrides) {
        if (overrides.port() != null) {
            return overrides.port();
        }
        return values.get("metrics_port") instanceof Number n ? n.intValue() : 9090;
    }
}
