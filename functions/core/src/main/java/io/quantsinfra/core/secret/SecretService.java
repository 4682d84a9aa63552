package io.quantsinfra.core.secret;

import io.quantsinfra.core.deploy.ContainerPlatform;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.history.StateStore;
import java.time.Clock;
import java.util.List;

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

    private final SecretStore store;
    private final SecretFormat format;
    private final ContainerPlatform platform;
    private final String prefix;
    private final SecretGenerator generator = new SecretGenerator();
    private final SecretConsumers consumers;
    private final SecretRotation rotation;
    private final RolloutReverts reverts;

    public SecretService(SecretStore store, SecretFormat format, ContainerPlatform platform, StateStore history,
                         SecretTest test, String prefix, Clock clock) {
        this(store, format, platform, history, test, prefix, clock, ConsumerRestarts.NONE);
    }

    /** With {@code restarts} asked before consumers restart (bots stop taking entries first). */
    public SecretService(SecretStore store, SecretFormat format, ContainerPlatform platform, StateStore history,
                         SecretTest test, String prefix, Clock clock, ConsumerRestarts restarts) {
        this.store = store;
        this.format = format;
        this.platform = platform;
        this.prefix = prefix;
        this.consumers = new SecretConsumers(platform, history, restarts, clock);
        this.rotation = new SecretRotation(store, format, test, consumers, generator);
        this.reverts = new RolloutReverts(store, rotation);
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

    /** A random value of {@code length} characters (16..4096, default {@link #DEFAULT_LENGTH}). */
    public SecretValue generate(Integer length) {
        return generator.generate(length);
    }

    /**
     * The new value of a rotation: {@code value} as given, or generated with {@code length} when {@code generate};
     * exactly one of the two.
     */
    public SecretValue newValue(String value, Boolean generate, Integer length) {
        boolean generated = Boolean.TRUE.equals(generate);
        if (generated == (value != null)) {
            throw new InvalidInputException("value", "give either a value or generate=true");
        }
        return generated ? generate(length) : required(value);
    }

    /** A value a request must carry. */
    public static SecretValue required(String value) {
        if (value == null) {
            throw new InvalidInputException("value", "a value is required");
        }
        return SecretValue.of(value);
    }

    /**
     * Rotates (see {@link SecretRotation}): the new value is written as AWSPENDING, checked (same shape as the
     * current value, then the pluggable {@link SecretTest}), promoted to AWSCURRENT (the old one becomes AWSPREVIOUS),
     * and every instance whose task definition references the secret gets a new deployment. Whether that rollout
     * succeeded is judged later by {@link #settle}; a rolled-back one is reverted.
     */
    public Rotation rotate(String name, SecretValue value, String actor) {
        SecretNames.check(name, prefix);
        SecretNames.checkValue(value);
        SecretMetadata current = existing(name);
        if (current.deletedDate() != null) {
            throw new NotFoundException("secret '" + name + "' is scheduled for deletion; restore it before rotating");
        }
        return rotation.rotate(name, current, value, actor);
    }

    /** One step of a rotation Secrets Manager drives (the rotation Lambda's event). */
    public void rotationStep(String step, String secretId, String token, String actor) {
        rotation.step(RotationStep.parse(step), secretId, token, actor);
    }

    /** Puts AWSCURRENT back on {@code versionId} (after a failed rollout) and restarts the consumers again. */
    public Rotation revert(String name, String versionId, String actor) {
        SecretNames.check(name, prefix);
        return rotation.revert(name, versionId, actor, "revert secret " + name);
    }

    /**
     * Judges the rollout the last rotation of {@code name} started: completed, still in progress, or rolled back
     * (then reverted to the previous version and redeployed). See {@link RolloutReverts}.
     */
    public RolloutReverts.Settlement settle(String name, String actor) {
        SecretNames.check(name, prefix);
        return reverts.settle(name, actor);
    }

    /** {@link #settle} for every secret whose rotation waits for its rollout (the scheduled health probe calls it). */
    public List<RolloutReverts.Settlement> settleAll(String actor) {
        return reverts.settleAll(actor);
    }

    /**
     * Gives every instance that references secret {@code name} a new deployment, so its tasks read the current
     * value. Returns the instances restarted.
     */
    public List<String> restartConsumers(String name, String actor) {
        SecretNames.check(name, prefix);
        return consumers.restart(existing(name).arn(), "rotated secret " + name, actor);
    }

    private SecretMetadata withConsumers(SecretMetadata m) {
        return m.referencedBy(consumers(m.arn(), platform.allInstances()));
    }

    private static List<String> consumers(String arn, List<InstanceState> instances) {
        return SecretConsumers.ids(SecretConsumers.of(arn, instances));
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
