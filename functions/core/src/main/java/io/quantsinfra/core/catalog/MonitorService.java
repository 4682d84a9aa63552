package io.quantsinfra.core.catalog;

import static io.quantsinfra.core.catalog.schema.Schema.secret;
import static io.quantsinfra.core.catalog.schema.Schema.string;

import io.quantsinfra.core.catalog.schema.ObjectNode;
import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.Schema;
import io.quantsinfra.core.catalog.schema.SecretRefs;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monitor: Prometheus, Grafana and Alertmanager in one task, plus a {@code config-sync} container that
 * copies {@code s3://<monitorConfigBucket>/monitor/} to the shared volume {@code prometheus-config}
 * ({@code /etc/prometheus}) every 30 s and asks Prometheus to reload when {@code prometheus.yml} changed.
 * The control plane renders those files with {@link io.quantsinfra.core.monitor.PrometheusConfig}.
 * Grafana's admin password is a secret reference or, when absent, a generated secret; never a literal.
 * See {@link MonitorTask} for the containers.
 *
 * {@snippet :
 * ServiceConfig c = monitor.validate(Map.of("telegram_bot_token", Map.of("secretRef", "alerts-bot"),
 *         "telegram_chat_id", "-1001234567890"));
 * }
 */
public final class MonitorService implements ServiceType {
    static final String PROMETHEUS = "prometheus";
    static final String GRAFANA = "grafana";
    static final String ALERTMANAGER = "alertmanager";
    /** Prometheus's port in the monitor's task (fixed, as are Grafana's and Alertmanager's). */
    public static final int PROMETHEUS_PORT = 9090;
    static final int GRAFANA_PORT = 3000;
    static final int ALERTMANAGER_PORT = 9093;

    private static final TaskSize DEFAULT_SIZE = new TaskSize(1024, 2048);
    private static final String SEMVER = "[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}(-[0-9A-Za-z.-]{1,40})?";

    static final ObjectNode SCHEMA = Schema.object()
            .defaulted("prometheus_version", string().matching("v" + SEMVER,
                    "a Prometheus image tag like \"v2.48.0\" (with the v; floating tags such as latest are refused)"), "v2.48.0")
            .defaulted("grafana_version", string().matching(SEMVER,
                    "a Grafana image tag like \"10.2.3\" (floating tags such as latest are refused)"), "10.2.3")
            .defaulted("alertmanager_version", string().matching("v" + SEMVER,
                    "an Alertmanager image tag like \"v0.26.0\" (with the v; floating tags such as latest are refused)"), "v0.26.0")
            .optional("grafana_admin_password", secret())
            .optional("telegram_bot_token", secret())
            .optional("telegram_chat_id", string().matching("-?[0-9]{1,20}|",
                    "a numeric Telegram chat id as a string, like \"-1001234567890\""))
            .defaulted("retention", string().matching("([0-9]{1,5}(ms|s|m|h|d|w|y)){1,4}",
                    "a Prometheus duration like \"15d\" or \"12h\""), "15d");

    private static final Map<String, String> SECRET_ENV = Map.of(
            "grafana_admin_password", GRAFANA + " GF_SECURITY_ADMIN_PASSWORD",
            "telegram_bot_token", ALERTMANAGER + " TELEGRAM_BOT_TOKEN");

    @Override public String name() { return "monitor"; }
    @Override public String defaultImage() { return "prom/prometheus:v2.48.0"; }
    @Override public int defaultPort() { return PROMETHEUS_PORT; }
    @Override public TaskSize defaultSize() { return DEFAULT_SIZE; }

    @Override
    @SuppressWarnings("unchecked")
    public ServiceConfig validate(Map<String, Object> raw) {
        Map<String, Object> values = (Map<String, Object>) SCHEMA.check(raw == null ? Map.of() : raw, Path.ROOT);
        Object chat = values.get("telegram_chat_id");
        boolean hasChat = chat != null && !"".equals(chat);
        boolean hasToken = values.containsKey("telegram_bot_token");
        if (hasToken != hasChat) {
            String missing = hasToken ? "telegram_chat_id" : "telegram_bot_token";
            throw Path.ROOT.key(missing).invalid("is required when " + (hasToken ? "telegram_bot_token" : "telegram_chat_id")
                    + " is set: Telegram alerts need both the bot token and the chat id");
        }
        if (hasToken && olderThan((String) values.get("alertmanager_version"), 0, 26)) {
            throw Path.ROOT.key("alertmanager_version").invalid("must be v0.26.0 or later for Telegram alerts "
                    + "(the bot token is read from a file, bot_token_file), got " + values.get("alertmanager_version"));
        }
        return new ServiceConfig(name(), values);
    }

    private static boolean olderThan(String version, int major, int minor) {
        String[] parts = version.substring(1).split("[.-]");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma < major || (ma == major && mi < minor);
    }

    @Override
    public void validateOverrides(Overrides overrides) {
        Tasks.checkOverrides(overrides, DEFAULT_SIZE,
                "the monitor runs four images; set prometheus_version, grafana_version or alertmanager_version in its config",
                "the monitor's ports are fixed: Prometheus 9090, Grafana 3000, Alertmanager 9093");
    }

    @Override
    public TaskSpec taskSpec(InstanceId instance, ServiceConfig config, Overrides overrides, PlatformContext platform,
                             SecretResolver secrets) {
        Tasks.requireInstanceOf(instance, name());
        Tasks.requireConfigOf(config, name());
        validateOverrides(overrides);
        if (platform.monitorConfigBucket() == null || platform.monitorConfigBucket().isBlank()) {
            throw new IllegalStateException("the platform has no monitor config bucket; the monitor cannot load its configuration");
        }
        Map<String, Object> v = validate(config.values()).values();
        TaskSize size = TaskSize.resolve(overrides, DEFAULT_SIZE);
        List<SecretBinding> bindings = secretBindings(config);
        TaskSpec.SecretEnv adminPassword = bindings.stream().filter(b -> b.field().equals("grafana_admin_password"))
                .findFirst().map(b -> new TaskSpec.SecretEnv(b.environmentVariable(), secrets.valueFrom(b.ref())))
                .orElseGet(() -> new TaskSpec.SecretEnv("GF_SECURITY_ADMIN_PASSWORD",
                        secrets.generatedValueFrom("monitor/grafana-admin-password", 32)));
        List<TaskSpec.SecretEnv> botToken = bindings.stream().filter(b -> b.field().equals("telegram_bot_token"))
                .map(b -> new TaskSpec.SecretEnv(b.environmentVariable(), secrets.valueFrom(b.ref()))).toList();
        Object chat = v.get("telegram_chat_id");
        String chatId = chat == null || "".equals(chat) ? null : (String) chat;
        List<TaskSpec.ContainerSpec> containers = MonitorTask.containers(v, size, platform, adminPassword, botToken, chatId);
        return Tasks.spec(instance, name(), size, containers,
                List.of(new TaskSpec.VolumeSpec(MonitorTask.CONFIG_VOLUME, null, null, null)), platform);
    }

    @Override
    public List<HealthEndpoint> healthEndpoints(ServiceConfig config, Overrides overrides) {
        return List.of(
                new HealthEndpoint(PROMETHEUS, PROMETHEUS_PORT, "/-/healthy", HealthEndpoint.Reading.HTTP_OK),
                new HealthEndpoint(GRAFANA, GRAFANA_PORT, "/api/health", HealthEndpoint.Reading.HTTP_OK),
                new HealthEndpoint(ALERTMANAGER, ALERTMANAGER_PORT, "/-/healthy", HealthEndpoint.Reading.HTTP_OK));
    }

    /** {@code grafana_admin_password} goes to Grafana's {@code GF_SECURITY_ADMIN_PASSWORD}, {@code telegram_bot_token} to Alertmanager. */
    @Override
    public List<SecretBinding> secretBindings(ServiceConfig config) {
        Tasks.requireConfigOf(config, name());
        List<SecretBinding> out = new ArrayList<>();
        SecretRefs.find(config.values()).forEach((path, ref) -> {
            String[] target = SECRET_ENV.get(path.text()).split(" ");
            out.add(new SecretBinding(path.text(), target[0], target[1], ref));
        });
        return out;
    }
}
