package io.quantsinfra.core.secret;

import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.error.QuantsInfraException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges the rollouts a rotation started and reverts a rotation whose rollout failed: when ECS's circuit breaker
 * rolled back a consumer's new deployment, AWSCURRENT moves back to the AWSPREVIOUS version and the consumers are
 * redeployed with it. The pending judgement is the {@link SecretRotation#ROLLOUT_LABEL} staging label on the rotated
 * version, so it lives with the secret and needs no other store; removing it is the claim, so of two judges (the
 * CLI after waiting, the scheduled health probe) exactly one reverts.
 *
 * {@snippet :
 * Settlement s = reverts.settle("binance", "health-probe");   // s.outcome(): REVERTED, s.revertedTo(): the old version
 * }
 */
public final class RolloutReverts {
    private static final int MAX_REASON = 300;
    private final SecretStore store;
    private final SecretRotation rotation;

    RolloutReverts(SecretStore store, SecretRotation rotation) {
        this.store = store;
        this.rotation = rotation;
    }

    /** What judging one secret's rotation found or did. */
    public enum Outcome {
        /** No rotation of this secret is waiting for its rollout. */
        NONE,
        /** Some consumer is still rolling out; judged again later. */
        IN_PROGRESS,
        /** Every consumer rolled out the new value; nothing more to do. */
        COMPLETED,
        /** A consumer's rollout was rolled back: AWSCURRENT moved back and the consumers were redeployed. */
        REVERTED,
        /** A consumer's rollout was rolled back, but there is no earlier version to go back to. */
        NOT_REVERTIBLE,
        /** The version waiting for judgement is no longer current (a newer put, rotation or revert): dropped. */
        SUPERSEDED,
        /** Judging failed (AWS answered an error); the label stays and the next judge tries again. */
        ERROR
    }

    /**
     * @param version the rotated version that was judged
     * @param revertedTo the version made current again, when reverted
     * @param instances the consumers judged (for a revert: the instances redeployed)
     * @param reason why (the rollback reason ECS gave, or the error)
     */
    public record Settlement(String name, Outcome outcome, String version, String revertedTo, List<String> instances,
                             String reason) {
        public Settlement {
            instances = List.copyOf(instances);
        }

        static Settlement none(String name) {
            return new Settlement(name, Outcome.NONE, null, null, List.of(), "");
        }
    }

    /** Judges the rotation of {@code name} waiting for its rollout, if any; reverts it when a consumer's rollout failed. */
    public Settlement settle(String name, String actor) {
        Optional<SecretMetadata> found = store.describe(name);
        if (found.isEmpty()) {
            return Settlement.none(name);
        }
        return settle(found.get(), actor);
    }

    /**
     * Judges every secret whose rotation waits for its rollout (one ListSecrets call when none does). One secret's
     * error does not stop the others: it is reported and judged again next time.
     */
    public List<Settlement> settleAll(String actor) {
        List<Settlement> out = new ArrayList<>();
        for (SecretMetadata m : store.list()) {
            if (m.versionWith(SecretRotation.ROLLOUT_LABEL).isEmpty()) {
                continue;
            }
            try {
                // the listing has the labels but not the current value's keys: describe for the full picture
                out.add(settle(m.name(), actor));
            } catch (QuantsInfraException e) {
                out.add(new Settlement(m.name(), Outcome.ERROR, m.versionWith(SecretRotation.ROLLOUT_LABEL).orElse(null),
                        null, List.of(), bounded(e.getMessage())));
            }
        }
        return out;
    }

    private Settlement settle(SecretMetadata m, String actor) {
        String name = m.name();
        Optional<String> marked = m.versionWith(SecretRotation.ROLLOUT_LABEL);
        if (marked.isEmpty()) {
            return Settlement.none(name);
        }
        String version = marked.get();
        if (!version.equals(m.versionWith(SecretRotation.CURRENT).orElse(null))) {
            store.unlabel(name, SecretRotation.ROLLOUT_LABEL, version);
            return new Settlement(name, Outcome.SUPERSEDED, version, null, List.of(), "version " + version + " is no longer current");
        }
        List<InstanceState> consumers = rotation.consumersOf(m.arn());
        List<InstanceState> failed = consumers.stream().filter(s -> s.rollout().failed()).toList();
        if (!failed.isEmpty()) {
            return revert(m, version, failed, actor);
        }
        if (consumers.stream().anyMatch(s -> !s.rollout().completed())) {
            return new Settlement(name, Outcome.IN_PROGRESS, version, null, SecretConsumers.ids(consumers), "");
        }
        store.unlabel(name, SecretRotation.ROLLOUT_LABEL, version);
        return new Settlement(name, Outcome.COMPLETED, version, null, SecretConsumers.ids(consumers), "");
    }

    private Settlement revert(SecretMetadata m, String version, List<InstanceState> failed, String actor) {
        String name = m.name();
        String reason = bounded(failed.stream().map(s -> s.id() + ": " + s.rollout().reason()).reduce((a, b) -> a + "; " + b)
                .orElse(""));
        if (!store.unlabel(name, SecretRotation.ROLLOUT_LABEL, version)) {
            return Settlement.none(name); // another judge claimed it and reverts
        }
        Optional<String> previous = m.versionWith(SecretRotation.PREVIOUS);
        if (previous.isEmpty()) {
            return new Settlement(name, Outcome.NOT_REVERTIBLE, version, null, SecretConsumers.ids(failed), reason);
        }
        SecretService.Rotation r = rotation.revert(name, previous.get(), actor, "revert secret " + name + " to version "
                + previous.get() + ": the rollout of version " + version + " failed (" + reason + ")");
        return new Settlement(name, Outcome.REVERTED, version, previous.get(), r.restarted(), reason);
    }

    private static String bounded(String s) {
        String t = s == null ? "" : s;
        return t.length() > MAX_REASON ? t.substring(0, MAX_REASON) + "…" : t;
    }
}
