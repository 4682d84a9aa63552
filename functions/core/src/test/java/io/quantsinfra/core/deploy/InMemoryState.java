package io.quantsinfra.core.deploy;

import io.quantsinfra.core.evaluation.Lease;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import io.quantsinfra.core.secret.SecretStore;
import io.quantsinfra.core.secret.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The control plane's state, secrets and lease in memory, for lifecycle tests. */
final class InMemoryState implements StateStore, SecretStore, SecretResolver, Lease {
    final List<DeploymentRecord> history = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, DeployedConfig> deployed = new ConcurrentHashMap<>();
    final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    final List<String> secretWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> leases = new ConcurrentHashMap<>();

    @Override public void record(DeploymentRecord entry) { history.add(entry); }
    @Override public List<DeploymentRecord> history(String service, int limit) { return List.copyOf(history); }
    @Override public void saveDeployed(DeployedConfig d) { deployed.put(d.config().service(), d); }
    @Override public Optional<DeployedConfig> deployed(String service) { return Optional.ofNullable(deployed.get(service)); }
    @Override public void forgetDeployed(String service) { deployed.remove(service); }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:1:secret:quants-infra/" + name + "-AbCdEf";
    }

    @Override
    public SecretMetadata put(String name, SecretValue value) {
        secrets.computeIfAbsent(name, k -> new ArrayList<>()).add(value.reveal());
        secretWrites.add(name);
        return describe(name).orElseThrow();
    }

    @Override
    public Optional<SecretMetadata> describe(String name) {
        return secrets.containsKey(name) ? Optional.of(new SecretMetadata(name, arn(name), Instant.EPOCH, null, List.of(),
                List.of(), List.of())) : Optional.empty();
    }

    @Override public List<SecretMetadata> list() { return List.of(); }
    @Override public SecretValue reveal(String name) { return SecretValue.of(secrets.get(name).getLast()); }
    @Override public SecretValue reveal(String name, String versionId) { throw new UnsupportedOperationException(); }
    @Override public void putPending(String name, String versionId, SecretValue value) { throw new UnsupportedOperationException(); }
    @Override public Optional<String> nameOf(String secretId) { throw new UnsupportedOperationException(); }
    @Override public boolean generated(String name) { return false; }
    @Override public void label(String name, String label, String versionId) { throw new UnsupportedOperationException(); }
    @Override public boolean unlabel(String name, String label, String versionId) { return false; }
    @Override public void discardPending(String name, String versionId) { }
    @Override public void promote(String name, String versionId) { }
    @Override public SecretMetadata delete(String name, int days, boolean force) { throw new UnsupportedOperationException(); }
    @Override public SecretMetadata restore(String name) { throw new UnsupportedOperationException(); }

    @Override
    public String valueFrom(SecretRef ref) {
        if (!secrets.containsKey(ref.name())) {
            throw new io.quantsinfra.core.error.NotFoundException("secret '" + ref.name() + "' does not exist");
        }
        return arn(ref.name()) + (ref.jsonKey() == null ? "" : ":" + ref.jsonKey() + "::");
    }

    @Override
    public String generatedValueFrom(String name, int length) {
        secrets.computeIfAbsent(name, k -> {
            secretWrites.add(name);
            return new ArrayList<>(List.of("g".repeat(length)));
        });
        return arn(name);
    }

    @Override
    public Optional<String> existingGeneratedValueFrom(String name) {
        return secrets.containsKey(name) ? Optional.of(arn(name)) : Optional.empty();
    }

    @Override
    public boolean acquire(String name, String owner, Instant now, Duration ttl) {
        return leases.putIfAbsent(name, owner) == null;
    }

    @Override
    public void release(String name, String owner) {
        leases.remove(name, owner);
    }
}
