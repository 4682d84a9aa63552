package io.quantsinfra.core.job;

import io.quantsinfra.core.catalog.TaskSize;
import io.quantsinfra.core.catalog.schema.SecretRefs;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Validates definition documents, applies presets and registers the task definition. */
final class Definitions {
    static final String NAME = "[a-z][a-z0-9-]{0,47}";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]{0,127}";
    /** Variable names whose values are secrets: these must come from Secrets Manager, never as plain environment. */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i).*(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL).*");
    /** Total of environment names and values: a quarter of ECS's 64 KiB task definition limit. */
    static final int MAX_ENVIRONMENT_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("name", "preset", "image", "command", "entry_point", "cpu", "memory",
            "environment", "secrets", "timeout", "max_retries");
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    private Definitions() {}

    static JobDefinition define(Map<String, Object> document, JobStore store, JobRunner runner, SecretResolver secrets,
                                PlatformContext platform, JobSettings settings, Clock clock) {
        if (document == null) {
            throw new InvalidInputException("a job definition document is required");
        }
        List<InvalidInputException> problems = new ArrayList<>();
        Fields f = new Fields(document, "", problems);
        f.onlyKnown(FIELDS);
        String name = f.string("name", true, 48);
        if (name != null && !name.matches(NAME)) {
            f.problem("name", "must be lowercase letters, digits and '-', starting with a letter (at most 48)");
        }
        Preset preset = preset(f);
        String image = f.string("image", preset.defaultImage == null, 255);
        List<String> command = f.strings("command", 64, 4096);
        List<String> entryPoint = f.strings("entry_point", 16, 4096);
        PlainTextCredentials.inArguments(f, "command", f.raw("command"));
        PlainTextCredentials.inArguments(f, "entry_point", f.raw("entry_point"));
        if (preset != Preset.CONTAINER && (f.has("command") || f.has("entry_point"))) {
            f.problem(f.has("command") ? "command" : "entry_point", "is set by preset " + preset.name
                    + "; the payload carries its arguments");
        }
        TaskSize size = size(f, preset, problems);
        Map<String, String> environment = environment(f);
        Map<String, SecretRef> secretRefs = secretRefs(f, environment);
        Duration timeout = f.duration("timeout", 1, JobLimits.MAX_TIMEOUT_SECONDS);
        Integer retries = f.integer("max_retries", 0, JobLimits.MAX_RETRIES);
        if (preset.needsCollectorVolume && platform.collectorFileSystemId() == null) {
            f.problem("preset", preset.name + " keeps market data and results on the collector's EFS, and this account "
                    + "has none (QUANTS_INFRA_COLLECTOR_FILE_SYSTEM_ID)");
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        JobDefinition draft = new JobDefinition(name, preset.name, image != null ? image : preset.defaultImage,
                preset == Preset.CONTAINER ? entryPoint : preset.entryPoint(), preset == Preset.CONTAINER ? command : preset.command(),
                size.cpu(), size.memory(), environment, secretRefs, timeout != null ? timeout : DEFAULT_TIMEOUT,
                retries != null ? retries : 0, null, null, null);
        return save(draft, preset, secretRefs, store, runner, secrets, platform, settings, clock);
    }

    /** The {@code preset}: a plain container by default; an unknown name is a problem. */
    private static Preset preset(Fields f) {
        String presetName = f.string("preset", false, 64);
        if (presetName == null) {
            return Preset.CONTAINER;
        }
        Preset preset = Preset.byName(presetName);
        if (preset == null) {
            f.problem("preset", "must be one of " + Preset.names());
            return Preset.CONTAINER;
        }
        return preset;
    }

    /**
     * {@code cpu} and {@code memory} as a Fargate size, the preset's by default. The check is the deploy's
     * ({@link TaskSize#resolve}), whose messages name {@code overrides.*}: renamed to this document's fields.
     */
    private static TaskSize size(Fields f, Preset preset, List<InvalidInputException> problems) {
        Integer cpu = f.integer("cpu", 256, 16384);
        Integer memory = f.integer("memory", 512, 122880);
        try {
            return TaskSize.resolve(new io.quantsinfra.core.deploy.Overrides(null, cpu, memory, null), preset.size);
        } catch (InvalidInputException e) {
            problems.add(new InvalidInputException(e.field() == null ? null : e.field().replace("overrides.", ""), e.getMessage()
                    .replaceFirst("^overrides\\.[a-z]+: ", "")));
            return null;
        }
    }

    /**
     * Registers the definition's task definition (its secrets resolved to ECS {@code valueFrom}s) and stores the
     * definition with its ARN, keeping the creation time of the definition it replaces.
     */
    private static JobDefinition save(JobDefinition draft, Preset preset, Map<String, SecretRef> secretRefs, JobStore store,
                                      JobRunner runner, SecretResolver secrets, PlatformContext platform, JobSettings settings,
                                      Clock clock) {
        // In the document's order (the definition itself keeps them sorted): the task definition is as before.
        List<TaskSpec.SecretEnv> secretEnv = new ArrayList<>();
        secretRefs.forEach((var, ref) -> secretEnv.add(new TaskSpec.SecretEnv(var, secrets.valueFrom(ref))));
        String arn = runner.register(taskSpec(draft, preset, secretEnv, platform, settings));
        Instant now = clock.instant();
        Instant created = store.definition(draft.name()).map(JobDefinition::createdAt).orElse(now);
        JobDefinition saved = new JobDefinition(draft.name(), draft.preset(), draft.image(), draft.entryPoint(), draft.command(),
                draft.cpu(), draft.memory(), draft.environment(), draft.secrets(), draft.timeout(), draft.maxRetries(), arn,
                created, now);
        store.saveDefinition(saved);
        return saved;
    }

    private static Map<String, String> environment(Fields f) {
        Map<String, Object> raw = f.object("environment");
        Map<String, String> out = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String at = "environment." + Publisher.bounded(e.getKey());
            if (!e.getKey().matches(ENV_NAME)) {
                f.problem(at, "is not an environment variable name");
            } else if (e.getKey().startsWith("QUANTS_INFRA_JOB_")) {
                f.problem(at, "QUANTS_INFRA_JOB_* variables are set by the queue for every attempt");
            } else if (!(e.getValue() instanceof String v)) {
                f.problem(at, SecretRefs.isRef(e.getValue()) ? "a secret reference belongs under \"secrets\"" : "must be a string");
            } else if (SECRET_NAME.matcher(e.getKey()).matches() && !v.isEmpty()) {
                // Never echo the value. A task definition's environment is readable by anyone who may describe it.
                f.literalSecret(at, "is named like a secret; store the value (secrets put) and reference it under \"secrets\" "
                        + "as {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"} instead of a plain value");
            } else {
                PlainTextCredentials.inEnvironmentValue(f, at, v);
                out.put(e.getKey(), v);
                bytes += (e.getKey() + v).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > MAX_ENVIRONMENT_BYTES) {
            f.problem("environment", String.format("is %,d bytes; at most %,d", bytes, MAX_ENVIRONMENT_BYTES));
        }
        return out;
    }

    private static Map<String, SecretRef> secretRefs(Fields f, Map<String, String> environment) {
        Map<String, Object> raw = f.object("secrets");
        Map<String, SecretRef> out = new TreeMap<>();
        if (raw.size() > 64) {
            f.problem("secrets", "at most 64 secrets");
            return out;
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String at = "secrets." + Publisher.bounded(e.getKey());
            if (!e.getKey().matches(ENV_NAME)) {
                f.problem(at, "is not an environment variable name");
            } else if (environment.containsKey(e.getKey())) {
                f.problem(at, "is also a plain environment variable");
            } else if (!SecretRefs.isRef(e.getValue())) {
                // Never echo the value: it may be the secret itself.
                f.problem(at, "must be a reference {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}, not a literal value");
            } else {
                SecretRef ref = SecretRefs.toRef(e.getValue());
                if (ref.name().isBlank() || ref.name().length() > 256 || (ref.jsonKey() != null && ref.jsonKey().length() > 256)) {
                    f.problem(at, "secretRef must be 1-256 characters (jsonKey at most 256)");
                } else {
                    out.put(e.getKey(), ref);
                }
            }
        }
        return out;
    }

    /** The task definition of {@code d}: one essential container {@code job}, logs to the jobs log group. */
    static TaskSpec taskSpec(JobDefinition d, Preset preset, List<TaskSpec.SecretEnv> secrets, PlatformContext platform,
                             JobSettings settings) {
        List<TaskSpec.VolumeSpec> volumes = List.of();
        List<TaskSpec.MountSpec> mounts = List.of();
        if (preset.needsCollectorVolume) {
            volumes = List.of(new TaskSpec.VolumeSpec(Preset.VOLUME, platform.collectorFileSystemId(),
                    platform.collectorAccessPointId(), platform.collectorAccessPointId() == null ? "/" : null));
            mounts = List.of(new TaskSpec.MountSpec(Preset.VOLUME, Preset.MOUNT, false));
        }
        TaskSpec.ContainerSpec c = new TaskSpec.ContainerSpec(JobDefinition.CONTAINER, d.image(), true, List.of(),
                d.environment(), secrets, d.command(), null, d.memory(), mounts, List.of(), d.entryPoint(), null);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("managed-by", "quants-infra");
        tags.put("quants-infra:job-definition", d.name());
        return new TaskSpec(d.family(), d.cpu(), d.memory(), List.of(c), volumes, settings.logGroup(), d.name(), tags);
    }
}
