package io.quantsinfra.core.secret;

import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets lifecycle (seed 001's get/put/rotate, plus delete and restore) over the {@link SecretStore},
 * and the link to running instances: which instances reference a secret, and a rotation that restarts
 * exactly those so the new value reaches them (ECS reads secrets only when a task starts).
 *
 * {@snippet :
 * Rotation r = secrets.rotate("binance", SecretValue.of(newJson), "alice");   // r.restarted(): [freqtrade-1]
 * }
 */
public final class SecretService {
    /** Length of generated values unless asked otherwise. */
    public static final int DEFAULT_LENGTH = 32;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final SecretStore store;
    private final SecretFormat format;
    private final ContainerPlatform platform;
    private final StateStore history;
    private final SecretTest test;
    private final String prefix;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConsumerRestarts restarts;

    public SecretService(SecretStore store, SecretFormat format, ContainerPlatform platform, StateStore history,
                         SecretTest test, String prefix, Clock clock) {
        this(store, format, platform, history, test, prefix, clock, ConsumerRestarts.NONE);
    }

    /** With {@code restarts} asked before consumers restart (bots stop taking entries first). */
    public SecretService(SecretStore store, SecretFormat format, ContainerPlatform platform, StateStore history,
                         SecretTest test, String prefix, Clock clock, ConsumerRestarts restarts) {
        this.restarts = restarts;
        this.store = store;
        this.format = format;
        this.platform = platform;
        this.history = history;
        this.test = test;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** Creates a secret or adds a new current version. */
    public SecretMetadata put(String name, SecretValue value) {
        SecretNames.check(name, prefix);
        SecretNames.checkValue(value);
        format.jsonKeys(value);
        return withConsumers(store.put(name, value));
    }

    /** Metadata and the instances that reference it; never the value. */
    public SecretMetadata get(String name) {
        SecretNames.check(name, prefix);
        return withConsumers(existing(name));
    }

    /** The current value (the caller logs the audit event). */
    public SecretValue reveal(String name) {
        SecretNames.check(name, prefix);
        SecretMetadata m = existing(name);
        if (m.deletedDate() != null) {
            throw new NotFoundException("secret '" + name + "' is scheduled for deletion; restore it first with "
                    + "'quants-infra secrets restore " + name + "'");
        }
        return store.reveal(name);
    }

    /** Every secret under the prefix with the instances that reference each. */
    public List<SecretMetadata> list() {
        List<InstanceState> instances = platform.allInstances();
        return store.list().stream().map(m -> m.referencedBy(consumers(m.arn(), instances))).toList();
    }

    /** Deletes after a recovery window of 7..30 days (default 30), or at once with {@code force}. */
    public SecretMetadata delete(String name, Integer recoveryDays, boolean force) {
        SecretNames.check(name, prefix);
        if (force && recoveryDays != null) {
            throw new InvalidInputException("recoveryDays", "give a recovery window or force, not both");
        }
        int days = recoveryDays == null ? 30 : recoveryDays;
        if (!force && (days < 7 || days > 30)) {
            throw new InvalidInputException("recoveryDays", "the recovery window is 7 to 30 days, got " + days);
        }
        SecretMetadata m = existing(name);
        if (m.deletedDate() != null) {
            throw new io.quantsinfra.core.error.ConflictException("secret '" + name + "' is already scheduled for deletion");
        }
        return store.delete(name, days, force);
    }

    /** Cancels a scheduled deletion. */
    public SecretMetadata restore(String name) {
        SecretNames.check(name, prefix);
        SecretMetadata m = existing(name);
        if (m.deletedDate() == null) {
            throw new io.quantsinfra.core.error.ConflictException("secret '" + name + "' is not scheduled for deletion");
        }
        return store.restore(name);
    }

    /** A random value of {@code length} characters (16..4096). */
    public SecretValue generate(Integer length) {
        int n = length == null ? DEFAULT_LENGTH : length;
        if (n < 16 || n > 4096) {
            throw new InvalidInputException("length", "generated secrets are 16 to 4096 characters, got " + n);
        }
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return SecretValue.of(b.toString());
    }

    /**
     * Rotates: the new value is written as AWSPENDING, checked (same shape as the current value, then the
     * pluggable {@link SecretTest}), promoted to AWSCURRENT (the old one becomes AWSPREVIOUS), and every
     * instance whose task definition references the secret gets a new deployment.
     */
    public Rotation rotate(String name, SecretValue value, String actor) {
        SecretNames.check(name, prefix);
        SecretNames.checkValue(value);
        SecretMetadata current = existing(name);
        if (current.deletedDate() != null) {
            throw new NotFoundException("secret '" + name + "' is scheduled for deletion; restore it before rotating");
        }
        List<String> newKeys = format.jsonKeys(value);
        List<String> missing = current.jsonKeys().stream().filter(k -> !newKeys.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("value", "the new value lacks JSON key(s) " + missing
                    + " that the current value has and task definitions may reference");
        }
        if (current.jsonKeys().isEmpty() && !newKeys.isEmpty()) {
            throw new InvalidInputException("value", "the current value is a plain string; the new value must be one too");
        }
        String previous = current.versionWith("AWSCURRENT").orElseThrow(() ->
                new NotFoundException("secret '" + name + "' has no current version"));
        String pending = store.putPending(name, value);
        try {
            test.test(name, value);
        } catch (RuntimeException e) {
            store.discardPending(name, pending);
            // The test may talk to an exchange that echoes the key it was given: never pass its message on.
            throw new InvalidInputException("value", "the new value failed its test (" + e.getClass().getSimpleName()
                    + "); the current value is unchanged");
        }
        store.promote(name, pending);
        List<String> restarted = restartConsumers(current.arn(), "rotate secret " + name, actor);
        return new Rotation(name, pending, previous, restarted);
    }

    /** Puts AWSCURRENT back on {@code versionId} (after a failed rollout) and restarts the consumers again. */
    public Rotation revert(String name, String versionId, String actor) {
        SecretNames.check(name, prefix);
        if (versionId == null || versionId.isBlank()) {
            throw new InvalidInputException("version", "the version to make current again is required");
        }
        SecretMetadata current = existing(name);
        if (current.versions().stream().noneMatch(v -> v.id().equals(versionId))) {
            throw new NotFoundException("secret '" + name + "' has no version '" + versionId + "'");
        }
        String was = current.versionWith("AWSCURRENT").orElse(null);
        store.promote(name, versionId);
        List<String> restarted = restartConsumers(current.arn(), "revert secret " + name, actor);
        return new Rotation(name, versionId, was, restarted);
    }

    /**
     * Gives every instance that references secret {@code name} a new deployment, so its tasks read the current
     * value (the last step of a rotation Secrets Manager drives). Returns the instances restarted.
     */
    public List<String> restartConsumers(String name, String actor) {
        SecretNames.check(name, prefix);
        return restartConsumers(existing(name).arn(), "rotated secret " + name, actor);
    }

    private List<String> restartConsumers(String arn, String why, String actor) {
        List<InstanceState> consumers = platform.allInstances().stream().filter(s -> references(s.spec(), arn)).toList();
        Map<String, List<InstanceState>> byService = new LinkedHashMap<>();
        consumers.forEach(s -> byService.computeIfAbsent(s.id().service(), k -> new ArrayList<>()).add(s));
        byService.forEach((service, instances) -> {
            List<io.quantsinfra.core.bot.BotStop> stops = restarts.beforeRestart(instances);
            instances.forEach(s -> platform.update(s.id(), null, null, null, true));
            List<String> ids = instances.stream().map(s -> s.id().toString()).toList();
            List<String> changes = new ArrayList<>(List.of(why));
            stops.forEach(b -> changes.add(b.line()));
            history.record(new DeploymentRecord(UUID.randomUUID().toString(), service, actor, clock.instant(), "restart",
                    "succeeded", ids, changes, stops));
        });
        return consumers.stream().map(s -> s.id().toString()).toList();
    }

    private SecretMetadata withConsumers(SecretMetadata m) {
        return m.referencedBy(consumers(m.arn(), platform.allInstances()));
    }

    private static List<String> consumers(String arn, List<InstanceState> instances) {
        return instances.stream().filter(s -> references(s.spec(), arn)).map(s -> s.id().toString()).toList();
    }

    /** Whether a task reads the secret with ARN {@code arn} (whole, or one JSON key of it). */
    static boolean references(TaskSpec spec, String arn) {
        for (TaskSpec.ContainerSpec c : spec.containers()) {
            for (TaskSpec.SecretEnv s : c.secrets()) {
                if (s.valueFrom().equals(arn) || s.valueFrom().startsWith(arn + ":")) {
                    return true;
                }
            }
        }
        return false;
    }

    private SecretMetadata existing(String name) {
        return store.describe(name).orElseThrow(() -> new NotFoundException("secret '" + name + "' does not exist; "
                + "create it with 'quants-infra secrets put " + name + " --value-file FILE'"));
    }

    /** What a rotation (or revert) did: the version now current, the one before, the instances restarted. */
    public record Rotation(String name, String version, String previousVersion, List<String> restarted) {
        public Rotation {
            restarted = List.copyOf(restarted);
        }
    }
}
