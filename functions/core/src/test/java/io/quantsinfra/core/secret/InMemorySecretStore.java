package io.quantsinfra.core.secret;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets with versions and staging labels as Secrets Manager keeps them: a label is on at most one version, moving
 * AWSCURRENT labels the old version AWSPREVIOUS, a version opened without a value has none to read.
 */
final class InMemorySecretStore implements SecretStore, SecretFormat {
    static final String PREFIX = "quants-infra/";
    private static final Pattern KEY = Pattern.compile("\"([^\"]+)\"\\s*:");
    private final Map<String, Map<String, Version>> secrets = new ConcurrentHashMap<>();
    private final Set<String> generated = ConcurrentHashMap.newKeySet();
    /** Every write, for tests that something was (not) written. */
    final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());

    private static final class Version {
        final String value;
        final List<String> stages = new ArrayList<>();

        Version(String value, String... stages) {
            this.value = value;
            this.stages.addAll(List.of(stages));
        }
    }

    static String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:1:secret:" + PREFIX + name + "-AbCdEf";
    }

    /** A secret quants-infra generated, with one current version. */
    String generatedSecret(String name, String value) {
        generated.add(name);
        put(name, SecretValue.of(value));
        return current(name);
    }

    /** Secrets Manager's RotateSecret: opens version {@code token} labelled AWSPENDING, without a value yet. */
    void openPending(String name, String token) {
        secrets.get(name).put(token, new Version(null, "AWSPENDING"));
    }

    String current(String name) {
        return holder(name, "AWSCURRENT");
    }

    String holder(String name, String label) {
        return secrets.get(name).entrySet().stream().filter(e -> e.getValue().stages.contains(label))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    List<String> stages(String name, String versionId) {
        return List.copyOf(secrets.get(name).get(versionId).stages);
    }

    int versionCount(String name) {
        return secrets.get(name).size();
    }

    @Override
    public synchronized SecretMetadata put(String name, SecretValue value) {
        writes.add("put " + name);
        Map<String, Version> versions = secrets.computeIfAbsent(name, k -> new LinkedHashMap<>());
        String id = UUID.randomUUID().toString();
        versions.put(id, new Version(value.reveal()));
        move(name, "AWSCURRENT", id);
        return describe(name).orElseThrow();
    }

    @Override
    public Optional<SecretMetadata> describe(String name) {
        Map<String, Version> versions = secrets.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        List<SecretMetadata.Version> vs = new ArrayList<>();
        versions.forEach((id, v) -> vs.add(new SecretMetadata.Version(id, List.copyOf(v.stages), null)));
        return Optional.of(new SecretMetadata(name, arn(name), Instant.EPOCH, null, vs, jsonKeys(reveal(name)), List.of()));
    }

    @Override
    public List<SecretMetadata> list() {
        // like ListSecrets: versions and labels, but not the value's keys
        return secrets.keySet().stream().sorted().map(n -> describe(n).orElseThrow())
                .map(m -> new SecretMetadata(m.name(), m.arn(), m.lastChanged(), null, m.versions(), List.of(), List.of())).toList();
    }

    @Override
    public SecretValue reveal(String name) {
        return reveal(name, current(name));
    }

    @Override
    public SecretValue reveal(String name, String versionId) {
        Version v = secrets.get(name).get(versionId);
        if (v == null || v.value == null) {
            throw new NotFoundException("version " + versionId + " of secret '" + name + "' has no value");
        }
        return SecretValue.of(v.value);
    }

    @Override
    public Optional<String> nameOf(String secretId) {
        return secrets.keySet().stream().filter(n -> arn(n).equals(secretId) || (PREFIX + n).equals(secretId)).findFirst();
    }

    @Override
    public boolean generated(String name) {
        return generated.contains(name);
    }

    @Override
    public synchronized void putPending(String name, String versionId, SecretValue value) {
        Version existing = secrets.get(name).get(versionId);
        if (existing != null && existing.value != null) {
            if (!existing.value.equals(value.reveal())) {
                throw new InvalidInputException("ClientRequestToken", "version " + versionId + " exists with another value");
            }
            return;
        }
        writes.add("putPending " + name);
        secrets.get(name).put(versionId, new Version(value.reveal()));
        move(name, "AWSPENDING", versionId);
    }

    @Override
    public synchronized void discardPending(String name, String versionId) {
        secrets.get(name).get(versionId).stages.remove("AWSPENDING");
    }

    @Override
    public synchronized void promote(String name, String versionId) {
        String was = current(name);
        if (versionId.equals(was)) {
            return;
        }
        writes.add("promote " + name);
        move(name, "AWSCURRENT", versionId);
        secrets.get(name).get(versionId).stages.remove("AWSPENDING");
        if (was != null) {
            move(name, "AWSPREVIOUS", was);
        }
    }

    @Override
    public synchronized void label(String name, String label, String versionId) {
        move(name, label, versionId);
    }

    @Override
    public synchronized boolean unlabel(String name, String label, String versionId) {
        return secrets.get(name).get(versionId).stages.remove(label);
    }

    private void move(String name, String label, String versionId) {
        secrets.get(name).values().forEach(v -> v.stages.remove(label));
        secrets.get(name).get(versionId).stages.add(label);
    }

    @Override
    public SecretMetadata delete(String name, int recoveryDays, boolean force) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SecretMetadata restore(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> jsonKeys(SecretValue value) {
        if (!value.looksLikeJsonObject()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(value.reveal());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public SecretValue field(SecretValue value, String key) {
        throw new UnsupportedOperationException();
    }
}
