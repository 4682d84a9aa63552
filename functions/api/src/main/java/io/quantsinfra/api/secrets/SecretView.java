package io.quantsinfra.api.secrets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.core.secret.RolloutReverts;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A secret's metadata as the API answers it — never its value: {@code lastChanged} and {@code deletedDate}
 * ({@code null} unless a deletion is scheduled) as ISO-8601, versions with their staging labels, JSON keys and the
 * instances that reference it.
 */
@Serdeable
record SecretView(String name, String arn, @Nullable @Schema(format = "date-time") String lastChanged,
                  @Nullable @Schema(format = "date-time") String deletedDate, List<Version> versions,
                  List<String> jsonKeys, List<String> referencedBy) {
    static SecretView of(SecretMetadata m) {
        return new SecretView(m.name(), m.arn(), text(m.lastChanged()), text(m.deletedDate()),
                m.versions().stream().map(v -> new Version(v.id(), v.stages(), text(v.created()))).toList(),
                m.jsonKeys(), m.referencedBy());
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    /** One version and its staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, …). */
    @Serdeable
    record Version(String id, List<String> stages, @Nullable @Schema(format = "date-time") String created) {}

    /** What a rotation or revert did: the version now current, the one before, the instances redeployed. */
    @Serdeable
    record Rotated(String name, String version, @Nullable String previousVersion, List<String> restarted) {
        static Rotated of(SecretService.Rotation r) {
            return new Rotated(r.name(), r.version(), r.previousVersion(), r.restarted());
        }
    }

    /**
     * What judging a rotation's rollout found ({@code POST /v1/secrets/actions/settle}): {@code version} is the rotated
     * version ({@code null} when no rotation waits), {@code revertedTo} the version made current again when the rollout
     * failed.
     */
    @Serdeable
    record Settled(String name, RolloutReverts.Outcome outcome,
                   @Nullable String version, @Nullable String revertedTo, List<String> instances, String reason) {
        static Settled of(RolloutReverts.Settlement s) {
            return new Settled(s.name(), s.outcome(), s.version(), s.revertedTo(), s.instances(), s.reason());
        }
    }
}
