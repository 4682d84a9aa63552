package io.quantsinfra.aws.secretsmanager;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.secret.SecretFormat;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretStore;
import io.quantsinfra.core.secret.SecretValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The secret store on Secrets Manager: names under a prefix, an optional KMS key, tag
 * {@code managed-by=quants-infra}. Rotation uses staging labels directly (AWSPENDING, then AWSCURRENT moved,
 * the old version AWSPREVIOUS), so it needs no rotation Lambda. Values stay inside this class except in
 * {@link #reveal}; errors name the secret, never the value.
 */
public final class SecretsManagerStore implements SecretStore, SecretFormat {
    /** Tag on secrets whose value quants-infra generated; only those rotate without a new value from a person. */
    public static final String GENERATED_TAG = "quants-infra:generated";
    private final SecretsManagerClient sm;
    private final String prefix;
    private final String kmsKeyId;

    public SecretsManagerStore(SecretsManagerClient sm, String prefix, String kmsKeyId) {
        this.sm = sm;
        this.prefix = prefix;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public SecretMetadata put(String name, SecretValue value) {
        jsonKeys(value);
        Optional<DescribeSecretResponse> existing = describeRaw(name);
        if (existing.isEmpty()) {
            AwsErrors.call("create secret " + name, () -> sm.createSecret(r -> {
                r.name(prefix + name).secretString(value.reveal()).description("managed by quants-infra")
                        .tags(Tag.builder().key("managed-by").value("quants-infra").build());
                if (kmsKeyId != null) {
                    r.kmsKeyId(kmsKeyId);
                }
            }));
        } else if (existing.get().deletedDate() != null) {
            throw new ConflictException("secret '" + name + "' is scheduled for deletion; restore it with "
                    + "'quants-infra secrets restore " + name + "' before putting a new value");
        } else {
            AwsErrors.call("put a new version of secret " + name,
                    () -> sm.putSecretValue(r -> r.secretId(prefix + name).secretString(value.reveal())));
        }
        return describe(name).orElseThrow();
    }

    @Override
    public Optional<SecretMetadata> describe(String name) {
        return describeRaw(name).map(d -> {
            List<String> keys = d.deletedDate() == null ? keysOrNone(name) : List.of();
            return new SecretMetadata(name, d.arn(), d.lastChangedDate(), d.deletedDate(), versions(d.versionIdsToStages()),
                    keys, List.of());
        });
    }

    /** The JSON keys of the current value; none for values made outside quants-infra that it cannot read. */
    private List<String> keysOrNone(String name) {
        try {
            return jsonKeys(reveal(name));
        } catch (InvalidInputException e) {
            return List.of();
        }
    }

    private Optional<DescribeSecretResponse> describeRaw(String name) {
        try {
            return Optional.of(sm.describeSecret(r -> r.secretId(prefix + name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(AwsErrors.call("describe secret " + name, () -> { throw e; }));
        }
    }

    private static List<SecretMetadata.Version> versions(Map<String, List<String>> stages) {
        List<SecretMetadata.Version> out = new ArrayList<>();
        stages.forEach((id, labels) -> out.add(new SecretMetadata.Version(id, labels.stream().sorted().toList(), null)));
        out.sort(java.util.Comparator.comparing((SecretMetadata.Version v) -> !v.stages().contains("AWSCURRENT"))
                .thenComparing(v -> !v.stages().contains("AWSPREVIOUS")).thenComparing(SecretMetadata.Version::id));
        return out;
    }

    @Override
    public List<SecretMetadata> list() {
        List<SecretMetadata> out = new ArrayList<>();
        AwsErrors.call("list secrets under " + prefix, () -> {
            sm.listSecretsPaginator(r -> r.includePlannedDeletion(true).filters(Filter.builder()
                    .key(FilterNameStringType.NAME).values(prefix).build())).stream().flatMap(p -> p.secretList().stream())
                    .filter(e -> e.name().startsWith(prefix)).forEach(e -> out.add(fromList(e)));
            return null;
        });
        out.sort(java.util.Comparator.comparing(SecretMetadata::name));
        return out;
    }

    private SecretMetadata fromList(SecretListEntry e) {
        return new SecretMetadata(e.name().substring(prefix.length()), e.arn(), e.lastChangedDate(), e.deletedDate(),
                versions(e.secretVersionsToStages()), List.of(), List.of());
    }

    @Override
    public SecretValue reveal(String name) {
        // Ask for the AWSCURRENT label explicitly: the emulator otherwise answers with the version last written.
        return text(name, AwsErrors.call("read secret " + name,
                () -> sm.getSecretValue(r -> r.secretId(prefix + name).versionStage("AWSCURRENT"))));
    }

    @Override
    public SecretValue reveal(String name, String versionId) {
        try {
            return text(name, sm.getSecretValue(r -> r.secretId(prefix + name).versionId(versionId)));
        } catch (ResourceNotFoundException e) {
            // Secrets Manager opens a rotation's version before the function writes its value
            throw new NotFoundException("version " + versionId + " of secret '" + name + "' has no value");
        } catch (RuntimeException e) {
            return AwsErrors.call("read secret " + name, () -> { throw e; });
        }
    }

    @Override
    public Optional<String> nameOf(String secretId) {
        try {
            String full = sm.describeSecret(r -> r.secretId(secretId)).name();
            return full.startsWith(prefix) ? Optional.of(full.substring(prefix.length())) : Optional.empty();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return AwsErrors.call("describe secret " + secretId, () -> { throw e; });
        }
    }

    @Override
    public boolean generated(String name) {
        return describeRaw(name).map(d -> d.tags().stream()
                .anyMatch(t -> t.key().equals(GENERATED_TAG) && t.value().equals("true"))).orElse(false);
    }

    @Override
    public void putPending(String name, String versionId, SecretValue value) {
        // Secrets Manager treats a repeated ClientRequestToken with the same value as the same request
        AwsErrors.call("write a pending version of secret " + name, () -> sm.putSecretValue(r -> r
                .secretId(prefix + name).secretString(value.reveal()).clientRequestToken(versionId)
                .versionStages("AWSPENDING")));
    }

    @Override
    public void label(String name, String label, String versionId) {
        DescribeSecretResponse d = describeRaw(name).orElseThrow(() -> new NotFoundException("secret '" + name + "' does not exist"));
        String holder = holder(d, label);
        if (versionId.equals(holder)) {
            return;
        }
        AwsErrors.call("label version " + versionId + " of secret " + name, () -> sm.updateSecretVersionStage(r -> {
            r.secretId(prefix + name).versionStage(label).moveToVersionId(versionId);
            if (holder != null) {
                r.removeFromVersionId(holder);
            }
        }));
    }

    @Override
    public boolean unlabel(String name, String label, String versionId) {
        Optional<DescribeSecretResponse> d = describeRaw(name);
        if (d.isEmpty() || !versionId.equals(holder(d.get(), label))) {
            return false;
        }
        try {
            sm.updateSecretVersionStage(r -> r.secretId(prefix + name).versionStage(label).removeFromVersionId(versionId));
            return true;
        } catch (InvalidParameterException e) {
            return false; // removed by another caller since the describe: that caller won
        } catch (RuntimeException e) {
            return AwsErrors.call("unlabel version " + versionId + " of secret " + name, () -> { throw e; });
        }
    }

    private static String holder(DescribeSecretResponse d, String label) {
        return d.versionIdsToStages().entrySet().stream().filter(e -> e.getValue().contains(label))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static SecretValue text(String name, GetSecretValueResponse r) {
        if (r.secretString() == null) {
            throw new InvalidInputException("name", "secret '" + name + "' holds binary data; quants-infra handles text secrets");
        }
        return SecretValue.of(r.secretString());
    }

    @Override
    public void discardPending(String name, String versionId) {
        AwsErrors.call("discard the pending version of secret " + name, () -> sm.updateSecretVersionStage(r -> r
                .secretId(prefix + name).versionStage("AWSPENDING").removeFromVersionId(versionId)));
    }

    @Override
    public void promote(String name, String versionId) {
        DescribeSecretResponse d = describeRaw(name).orElseThrow(() -> new NotFoundException("secret '" + name + "' does not exist"));
        String current = d.versionIdsToStages().entrySet().stream().filter(e -> e.getValue().contains("AWSCURRENT"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (versionId.equals(current)) {
            return;
        }
        AwsErrors.call("make version " + versionId + " of secret " + name + " current", () -> sm.updateSecretVersionStage(r -> {
            r.secretId(prefix + name).versionStage("AWSCURRENT").moveToVersionId(versionId);
            if (current != null) {
                r.removeFromVersionId(current);
            }
        }));
        List<String> stages = d.versionIdsToStages().getOrDefault(versionId, List.of());
        if (stages.contains("AWSPENDING")) {
            discardPending(name, versionId);
        }
        if (current != null && !describeRaw(name).orElseThrow().versionIdsToStages()
                .getOrDefault(current, List.of()).contains("AWSPREVIOUS")) {
            // Secrets Manager labels the old version AWSPREVIOUS itself; say it explicitly where it did not.
            AwsErrors.call("label the previous version of secret " + name, () -> sm.updateSecretVersionStage(r -> r
                    .secretId(prefix + name).versionStage("AWSPREVIOUS").moveToVersionId(current)));
        }
    }

    @Override
    public SecretMetadata delete(String name, int recoveryDays, boolean force) {
        AwsErrors.call("delete secret " + name, () -> sm.deleteSecret(r -> {
            r.secretId(prefix + name);
            if (force) {
                r.forceDeleteWithoutRecovery(true);
            } else {
                r.recoveryWindowInDays((long) recoveryDays);
            }
        }));
        return describe(name).orElseGet(() -> new SecretMetadata(name, "", null, null, List.of(), List.of(), List.of()));
    }

    @Override
    public SecretMetadata restore(String name) {
        AwsErrors.call("restore secret " + name, () -> sm.restoreSecret(r -> r.secretId(prefix + name)));
        return describe(name).orElseThrow();
    }

    @Override
    public SecretValue field(SecretValue value, String key) {
        if (!jsonKeys(value).contains(key)) {
            throw new NotFoundException("the secret has no JSON key '" + key + "'");
        }
        JsonNode v = JsonNode.parser().parse(value.reveal()).asObject().get(key);
        return SecretValue.of(v.isString() ? v.asString() : v.text());
    }

    @Override
    public List<String> jsonKeys(SecretValue value) {
        if (!value.looksLikeJsonObject()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JsonNode.parser().parse(value.reveal());
        } catch (RuntimeException e) {
            throw new InvalidInputException("value", "the value starts like JSON but is not valid JSON");
        }
        if (!node.isObject()) {
            throw new InvalidInputException("value", "a JSON secret must be an object of keys and values");
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.asObject().entrySet()) {
            if (e.getValue().isObject() || e.getValue().isArray()) {
                throw new InvalidInputException("value", "JSON key '" + e.getKey() + "' holds a nested "
                        + (e.getValue().isObject() ? "object" : "list") + "; ECS can inject only string, number or boolean values");
            }
            keys.add(e.getKey());
        }
        return keys.stream().sorted().toList();
    }
}
