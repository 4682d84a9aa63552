package io.quantsinfra.core.secret;

import java.util.List;
import java.util.Optional;

/**
 * Port: the secret store (Secrets Manager under a name prefix). Names here are without the prefix.
 * Implementations never log, return (outside {@link #reveal}) or put in an exception a value.
 */
public interface SecretStore {

    /** Creates the secret or adds a new current version; refuses values of the wrong shape. */
    SecretMetadata put(String name, SecretValue value);

    /** Metadata, if the secret exists (also when it is scheduled for deletion). */
    Optional<SecretMetadata> describe(String name);

    /** Every secret under the prefix, including ones scheduled for deletion. */
    List<SecretMetadata> list();

    /** The current value; NotFoundException when missing or scheduled for deletion. */
    SecretValue reveal(String name);

    /** The value of one version. */
    SecretValue reveal(String name, String versionId);

    /**
     * The name (without the prefix) of the secret a rotation event names by ARN or full name; empty when there is
     * no such secret or it is not under the prefix.
     */
    Optional<String> nameOf(String secretId);

    /** Whether quants-infra generated the secret's value (tag {@code quants-infra:generated=true}). */
    boolean generated(String name);

    /**
     * Writes {@code value} as version {@code versionId} labelled AWSPENDING only. Idempotent: writing the same
     * version again with the same value changes nothing (a rotation step may be retried).
     */
    void putPending(String name, String versionId, SecretValue value);

    /**
     * Attaches staging label {@code label} to {@code versionId}, taking it from whichever version held it (a label
     * is on at most one version). For quants-infra's own labels, never AWSCURRENT (that is {@link #promote}).
     */
    void label(String name, String label, String versionId);

    /**
     * Removes {@code label} from {@code versionId}. Returns false when that version did not hold it (another
     * caller removed or moved it first): of several callers racing, exactly one gets true.
     */
    boolean unlabel(String name, String label, String versionId);

    /** Drops the AWSPENDING label from a version (a candidate that failed its test). */
    void discardPending(String name, String versionId);

    /** Moves AWSCURRENT to {@code versionId}; the version that had it becomes AWSPREVIOUS. */
    void promote(String name, String versionId);

    /** Schedules deletion after {@code recoveryDays} (7..30), or deletes at once when {@code force}. */
    SecretMetadata delete(String name, int recoveryDays, boolean force);

    /** Cancels a scheduled deletion. */
    SecretMetadata restore(String name);
}
