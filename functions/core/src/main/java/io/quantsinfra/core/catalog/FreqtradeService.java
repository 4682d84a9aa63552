package io.quantsinfra.core.catalog;

import io.quantsinfra.core.catalog.schema.ObjectNode;
import io.quantsinfra.core.catalog.schema.Path;
import io.quantsinfra.core.catalog.schema.SecretNode;
import io.quantsinfra.core.catalog.schema.SecretRefs;
import io.quantsinfra.core.catalog.schema.Values;
import io.quantsinfra.core.catalog.schema.Warning;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Freqtrade trading bot. The config is a Freqtrade config document (see {@link FreqtradeSchema} and
 * docs/services.md); secrets are references only. In the task, the config without its secrets reaches
 * the container as {@code QUANTS_INFRA_CONFIG_JSON}, which a shell writes to
 * {@code /freqtrade/user_data/config.json} before starting {@code freqtrade trade}; each secret reference
 * becomes an ECS secret in {@code FREQTRADE__<SECTION>__<KEY>}, which Freqtrade merges over the file.
 * The REST API is never passwordless: a password and JWT key nobody supplied are generated per instance.
 *
 * <p>Trade state: unless the config names its own {@code db_url}, the bot's SQLite database lives on the
 * platform's EFS file system (volume {@code trade-state} at {@link #TRADE_STATE_DIR}), one directory per
 * instance, so a restart, redeploy, scale-in-then-out of the same index or secret rotation finds its open
 * trades again. With the shared access point the directory is {@code <mount>/<instance>} (created by the
 * container's shell, owned by the access point's POSIX user); without one the volume's root directory is
 * {@code /<instance>}, which must exist. The file is Freqtrade's own name for the mode:
 * {@code tradesv3.sqlite} live, {@code tradesv3.dryrun.sqlite} dry-run. The container gets
 * {@link #STOP_TIMEOUT_SECONDS} between SIGTERM and SIGKILL for Freqtrade's own shutdown.
 *
 * {@snippet :
 * ServiceConfig config = freqtrade.validate(Map.of("strategy", "SampleStrategy", "stake_amount", 100,
 *         "exchange", Map.of("name", "binance")));
 * boolean live = freqtrade.isLive(config); // false: dry_run defaults to true
 * }
 */
public final class FreqtradeService implements ServiceType {
    /** Where the container's shell writes the config file. */
    public static final String CONFIG_PATH = "/freqtrade/user_data/config.json";
    /** The environment variable carrying the config JSON (secrets removed). */
    public static final String CONFIG_ENV = "QUANTS_INFRA_CONFIG_JSON";
    /** Upper bound of the config JSON, well inside ECS's 64 KiB task definition limit. */
    static final int MAX_CONFIG_CHARS = 32_768;
    static final String CONTAINER = "freqtrade";
    static final int PASSWORD_LENGTH = 32;
    /** The task volume holding the bot's database. */
    public static final String TRADE_STATE_VOLUME = "trade-state";
    /** Where the trade-state volume is mounted in the container. */
    public static final String TRADE_STATE_DIR = "/freqtrade/user_data/trade-state";
    /** Seconds ECS waits after SIGTERM before killing the container: Fargate's maximum. */
    public static final int STOP_TIMEOUT_SECONDS = 120;

    /**
     * The config's secret keys by the section holding them ({@code exchange} → key, secret, password, uid), read off the
     * schema: every key that accepts only a secret reference (URL keys that may be plain, like {@code webhook.url}, are
     * left out). For checks of Freqtrade configs that do not pass the schema (a backtest job's payload).
     */
    public static Map<String, Set<String>> secretKeysBySection() {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (ObjectNode.Field section : FreqtradeSchema.ROOT.fields()) {
            if (section.node() instanceof ObjectNode o) {
                Set<String> keys = new java.util.TreeSet<>();
                for (ObjectNode.Field f : o.fields()) {
                    if (f.node() instanceof SecretNode secret && secret.urlSchemes().isEmpty()) {
                        keys.add(f.name());
                    }
                }
                if (!keys.isEmpty()) {
                    out.put(section.name(), Set.copyOf(keys));
                }
            }
        }
        return Map.copyOf(out);
    }
    static final String LIVE_DATABASE = "tradesv3.sqlite";
    static final String DRY_RUN_DATABASE = "tradesv3.dryrun.sqlite";

    /** Prefix of the variables carrying secrets that sit inside lists (Freqtrade's FREQTRADE__ form has no index). */
    public static final String LIST_SECRET_PREFIX = "QUANTS_INFRA_SECRET__";
    /** Plain variable: which config path each {@link #LIST_SECRET_PREFIX} variable fills, as JSON. */
    public static final String SECRET_PATHS_ENV = "QUANTS_INFRA_SECRET_PATHS";
    /**
     * The start script's config writer when secrets sit inside lists: the config JSON with each listed variable's
     * value put at its path, written readable by the container's user only. Python because the Freqtrade image is a
     * Python application (python3 is what runs freqtrade); no single quote, so it fits in the shell's quotes.
     */
    static final String MERGE_LIST_SECRETS = "import json,os\n"
            + "c=json.loads(os.environ[\"" + CONFIG_ENV + "\"])\n"
            + "for v,p in json.loads(os.environ[\"" + SECRET_PATHS_ENV + "\"]).items():\n"
            + " o=c\n"
            + " for k in p[:-1]: o=o[k]\n"
            + " o[p[-1]]=os.environ[v]\n"
            + "f=os.open(\"" + CONFIG_PATH + "\",os.O_WRONLY|os.O_CREAT|os.O_TRUNC,0o600)\n"
            + "os.write(f,json.dumps(c).encode())\n"
            + "os.close(f)";

    private static final TaskSize DEFAULT_SIZE = new TaskSize(512, 1024);

    @Override public String name() { return "freqtrade"; }
    @Override public String defaultImage() { return "freqtradeorg/freqtrade:stable"; }
    @Override public int defaultPort() { return FreqtradeSchema.DEFAULT_API_PORT; }
    @Override public TaskSize defaultSize() { return DEFAULT_SIZE; }

    @Override
    @SuppressWarnings("unchecked")
    public ServiceConfig validate(Map<String, Object> raw) {
        if (raw == null) {
            throw new InvalidInputException(null, "a Freqtrade config is required: at least strategy, stake_amount and exchange.name");
        }
        List<InvalidInputException> problems = new ArrayList<>();
        Map<String, Object> values = null;
        try {
            values = (Map<String, Object>) FreqtradeSchema.ROOT.check(raw, Path.ROOT);
        } catch (InvalidInputException e) {
            problems.add(e);
        }
        problems.addAll(FreqtradeSchema.crossCheck(raw));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        values = FreqtradeSchema.withApiForQuantsInfra(values);
        int size = configJson(values, apiPort(values, Overrides.NONE)).length();
        if (size > MAX_CONFIG_CHARS) {
            throw new InvalidInputException(null, "the config is " + size + " characters as JSON; at most "
                    + MAX_CONFIG_CHARS + " fit in a task definition. Move large sections (freqai, pairlists) into the image");
        }
        return new ServiceConfig(name(), values);
    }

    /**
     * {@code strategy} (Freqtrade's {@code --strategy}) is used when the file names none; when both are given
     * and differ, the option wins with a warning, as Freqtrade's own command line does over its config file.
     */
    @Override
    public PreparedConfig prepare(Map<String, Object> raw, String strategy) {
        Map<String, Object> doc = raw == null ? new LinkedHashMap<>() : new LinkedHashMap<>(raw);
        List<Warning> warnings = new ArrayList<>();
        if (strategy != null) {
            Object given = doc.get("strategy");
            if (given != null && !strategy.equals(given)) {
                warnings.add(new Warning("strategy", "the config names " + (given instanceof String g ? Values.show(g)
                        : Values.kind(given)) + ", --strategy (API: \"strategy\") names " + Values.show(strategy) + "; "
                        + Values.show(strategy) + " is used"));
            }
            doc.put("strategy", strategy);
        }
        FreqtradeSchema.ROOT.review(doc, Path.ROOT, warnings);
        warnings.addAll(FreqtradeSchema.apiServerWarnings(doc));
        return new PreparedConfig(doc, warnings);
    }

    /** Whether this bot trades real money ({@code dry_run: false}). */
    @Override
    public boolean isLive(ServiceConfig config) {
        return Boolean.FALSE.equals(config.values().get("dry_run"));
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
        Map<String, Object> values = validate(config.values()).values();
        TaskSize size = TaskSize.resolve(overrides, DEFAULT_SIZE);
        int port = apiPort(values, overrides);

        List<TaskSpec.SecretEnv> env = secretEnv(instance, config, values, secrets);
        TradeState state = tradeState(instance, values, platform);
        Map<String, String> plainEnv = new LinkedHashMap<>();
        String script = startScript(config, values, state, plainEnv);
        Map<String, Object> fileValues = values;
        if (state != null) {
            fileValues = new LinkedHashMap<>(values);
            fileValues.put("db_url", "sqlite:///" + state.database());
        }
        TaskSpec.ContainerSpec container = new TaskSpec.ContainerSpec(CONTAINER,
                overrides.image() != null ? overrides.image() : defaultImage(), true, List.of(port),
                withConfig(plainEnv, configJson(fileValues, port)), env, List.of(script),
                Tasks.curl(port, "/api/v1/ping", 120), size.memory(),
                state == null ? List.of() : List.of(new TaskSpec.MountSpec(TRADE_STATE_VOLUME, TRADE_STATE_DIR, false)),
                List.of(), Tasks.SHELL, STOP_TIMEOUT_SECONDS);
        return Tasks.spec(instance, name(), size, List.of(container), state == null ? List.of() : List.of(state.volume()),
                platform);
    }

    /**
     * The secrets the bot reads from its environment: the config's secret references, and the API server's password
     * and JWT key generated per instance when the config names none (the API must never run without them).
     */
    private List<TaskSpec.SecretEnv> secretEnv(InstanceId instance, ServiceConfig config, Map<String, Object> values,
                                               SecretResolver secrets) {
        List<TaskSpec.SecretEnv> env = new ArrayList<>();
        for (SecretBinding b : secretBindings(config)) {
            env.add(new TaskSpec.SecretEnv(b.environmentVariable(), secrets.valueFrom(b.ref())));
        }
        Map<String, Object> api = section(values, "api_server");
        if (!api.containsKey("password")) {
            env.add(new TaskSpec.SecretEnv("FREQTRADE__API_SERVER__PASSWORD",
                    secrets.generatedValueFrom(generatedPasswordName(instance), PASSWORD_LENGTH)));
        }
        if (!api.containsKey("jwt_secret_key")) {
            env.add(new TaskSpec.SecretEnv("FREQTRADE__API_SERVER__JWT_SECRET_KEY",
                    secrets.generatedValueFrom("freqtrade/" + instance + "/api-jwt-secret-key", PASSWORD_LENGTH)));
        }
        return env;
    }

    /**
     * The container's shell command: write the config file from the environment (merging list-valued secrets in
     * with Python when the config has any, their paths in {@code plainEnv}), create the trade-state directory on a
     * shared volume, then exec freqtrade so it receives ECS's stop signal.
     */
    private String startScript(ServiceConfig config, Map<String, Object> values, TradeState state,
                               Map<String, String> plainEnv) {
        String listSecrets = listSecretPaths(config);
        String write;
        if (listSecrets == null) {
            write = "printf '%s' \"$" + CONFIG_ENV + "\" > " + CONFIG_PATH;
        } else {
            plainEnv.put(SECRET_PATHS_ENV, listSecrets);
            write = "python3 -c '" + MERGE_LIST_SECRETS + "'";
        }
        return (state == null || !state.sharedRoot() ? "" : "mkdir -p " + state.directory() + " && ")
                + write + " && exec freqtrade trade --config " + CONFIG_PATH + " --strategy " + values.get("strategy");
    }

    /**
     * Where an instance keeps its trades: the database file's absolute path in the container, or empty when the
     * config names its own {@code db_url} or the platform has no file system (then Freqtrade's default applies,
     * inside the container, and is lost with it).
     */
    public java.util.Optional<String> databasePath(InstanceId instance, ServiceConfig config, PlatformContext platform) {
        Tasks.requireConfigOf(config, name());
        TradeState state = tradeState(instance, config.values(), platform);
        return java.util.Optional.ofNullable(state == null ? null : state.database());
    }

    /** The trade-state volume and paths of one instance; {@code null} when none is used. */
    private static TradeState tradeState(InstanceId instance, Map<String, Object> values, PlatformContext platform) {
        if (values.containsKey("db_url") || platform.collectorFileSystemId() == null) {
            return null;
        }
        boolean shared = platform.collectorAccessPointId() != null;
        String directory = shared ? TRADE_STATE_DIR + "/" + instance : TRADE_STATE_DIR;
        String file = Boolean.FALSE.equals(values.get("dry_run")) ? LIVE_DATABASE : DRY_RUN_DATABASE;
        TaskSpec.VolumeSpec volume = new TaskSpec.VolumeSpec(TRADE_STATE_VOLUME, platform.collectorFileSystemId(),
                platform.collectorAccessPointId(), shared ? null : "/" + instance);
        return new TradeState(volume, directory, directory + "/" + file, shared);
    }

    /** {@code sharedRoot}: the access point's root is shared by every instance, so the directory is created by the task. */
    private record TradeState(TaskSpec.VolumeSpec volume, String directory, String database, boolean sharedRoot) {}

    @Override
    public List<HealthEndpoint> healthEndpoints(ServiceConfig config, Overrides overrides) {
        return List.of(new HealthEndpoint(CONTAINER, apiPort(config.values(), overrides), "/api/v1/health",
                HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS));
    }

    /**
     * Each secret reference goes to {@code FREQTRADE__<SECTION>__<KEY>} (Freqtrade's environment override form).
     * Freqtrade's environment form cannot address a list element, so a secret inside a list (a producer's
     * {@code external_message_consumer.producers[0].ws_token}) goes to
     * {@code QUANTS_INFRA_SECRET__EXTERNAL_MESSAGE_CONSUMER__PRODUCERS__0__WS_TOKEN}, which the container's start
     * script puts back into that element of the config file before Freqtrade starts.
     */
    @Override
    public List<SecretBinding> secretBindings(ServiceConfig config) {
        Tasks.requireConfigOf(config, name());
        List<SecretBinding> out = new ArrayList<>();
        SecretRefs.find(config.values()).forEach((path, ref) -> out.add(new SecretBinding(path.text(), CONTAINER,
                environmentVariable(path.text()), ref)));
        return out;
    }

    static String environmentVariable(String path) {
        if (!inList(path)) {
            return "FREQTRADE__" + path.replace(".", "__").toUpperCase(Locale.ROOT);
        }
        return LIST_SECRET_PREFIX + path.replaceAll("\\[(\\d+)]", ".$1").replace(".", "__").toUpperCase(Locale.ROOT);
    }

    private static boolean inList(String path) {
        return path.matches(".*\\[\\d+].*");
    }

    /**
     * {@code {"<variable>": ["external_message_consumer", "producers", 0, "ws_token"], …}} for the secrets inside
     * lists, or null when there are none. Only schema keys are secrets, and they are plain names, so a path is
     * dot-separated names and [n] indexes.
     */
    private String listSecretPaths(ServiceConfig config) {
        Map<String, Object> paths = new java.util.TreeMap<>();
        for (SecretBinding b : secretBindings(config)) {
            if (!inList(b.field())) {
                continue;
            }
            List<Object> steps = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]").matcher(b.field());
            while (m.find()) {
                steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            }
            paths.put(b.environmentVariable(), steps);
        }
        return paths.isEmpty() ? null : Json.write(paths);
    }

    private static Map<String, String> withConfig(Map<String, String> env, String configJson) {
        Map<String, String> out = new LinkedHashMap<>(env);
        out.put(CONFIG_ENV, configJson);
        return Map.copyOf(out);
    }

    /** The REST API user name the health probe authenticates as. */
    public String apiUsername(ServiceConfig config) {
        return (String) section(config.values(), "api_server").get("username");
    }

    /**
     * The secret holding the REST API password of {@code instance}: the configured reference, or the
     * generated secret {@code freqtrade/<instance>/api-password}.
     */
    public SecretRef apiPassword(InstanceId instance, ServiceConfig config) {
        Object configured = section(config.values(), "api_server").get("password");
        return configured != null ? SecretRefs.toRef(configured) : new SecretRef(generatedPasswordName(instance), null);
    }

    static String generatedPasswordName(InstanceId instance) {
        return "freqtrade/" + instance + "/api-password";
    }

    /** The API port: the deploy's port override, else {@code api_server.listen_port}. */
    static int apiPort(Map<String, Object> values, Overrides overrides) {
        if (overrides.port() != null) {
            return overrides.port();
        }
        Object p = section(values, "api_server").get("listen_port");
        return p instanceof Number n ? n.intValue() : FreqtradeSchema.DEFAULT_API_PORT;
    }

    /** The config file as the container gets it: canonical JSON, secrets removed, the API on {@code port}. */
    @SuppressWarnings("unchecked")
    static String configJson(Map<String, Object> values, int port) {
        Map<String, Object> plain = new LinkedHashMap<>((Map<String, Object>) SecretRefs.withoutRefs(values));
        Map<String, Object> api = new LinkedHashMap<>((Map<String, Object>) plain.getOrDefault("api_server", Map.of()));
        api.put("listen_port", port);
        plain.put("api_server", api);
        return Json.write(plain);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> values, String key) {
        Object s = values.get(key);
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
