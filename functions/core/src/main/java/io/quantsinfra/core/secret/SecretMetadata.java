package io.quantsinfra.core.secret;

import java.time.Instant;
import java.util.List;

/**
 * What may be shown about a secret without its value.
 *
 * @param name the name without the store's prefix
 * @param jsonKeys the keys of a JSON-object secret (values never), empty for a plain string
 * @param deletedDate when deletion was requested, or {@code null}
 * @param referencedBy instances whose task definitions reference the secret (filled by the service layer)
 */
public record SecretMetadata(String name, String arn, Instant lastChanged, Instant deletedDate,
                             List<Version> versions, List<String> jsonKeys, List<String> referencedBy) {
    public SecretMetadata {
        versions = List.copyOf(versions);
        jsonKeys = List.copyOf(jsonKeys);
        referencedBy = List.copyOf(referencedBy);
    }

    /** The same metadata with the instances that reference it. */
    public SecretMetadata referencedBy(List<String> instances) {
        return new SecretMetadata(name, arn, lastChanged, deletedDate, versions, jsonKeys, instances);
    }

    /** The id of the version holding {@code stage}, if any. */
    public java.util.Optional<String> versionWith(String stage) {
        return versions.stream().filter(v -> v.stages().contains(stage)).map(Version::id).findFirst();
    }

    /** One version and its staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, …). */
    public record Version(String id, List<String> stages, Instant created) {
        public Version {
            stages = List.copyOf(stages);
        }
    }
}
