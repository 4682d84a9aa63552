package io.quantsinfra.core.deploy;

import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;

/**
 * Secret resolution for a dry run: checks references, but never creates a secret; references to literals
 * that {@code --store-secrets} would store resolve to a placeholder.
 */
final class DryRunSecrets implements SecretResolver {
    private final SecretResolver real;
    private final java.util.Set<String> toStore;

    DryRunSecrets(SecretResolver real, java.util.List<io.quantsinfra.core.secret.LiteralSecrets.Literal> literals) {
        this.real = real;
        this.toStore = literals.stream().map(io.quantsinfra.core.secret.LiteralSecrets.Literal::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public String valueFrom(SecretRef ref) {
        if (toStore.contains(ref.name())) {
            return "(stored at deploy: " + ref.name() + ")";
        }
        return real.valueFrom(ref);
    }

    @Override
    public String generatedValueFrom(String name, int length) {
        return real.existingGeneratedValueFrom(name).orElse("(generated at deploy: " + name + ")");
    }
}
