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

    /** Writes {@code value} as a new version labelled AWSPENDING only; returns its version id. */
    String putPending(String name, SecretValue value);

    /** Drops the AWSPENDING label from a version (a candidate that failed its test). */
    void discardPending(String name, String versionId);

    /** Moves AWSCURRENT to {@code versionId}; the version that had it becomes AWSPREVIOUS. */
    void promote(String name, String versionId);

    /** Schedules deletion after {@code recoveryDays} (7..30), or deletes at once when {@code force}. */
    SecretMetadata delete(String name, int recoveryDays, boolean force);

    /** Cancels a scheduled deletion. */
    SecretMetadata restore(String name);
}
