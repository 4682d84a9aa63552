package io.quantsinfra.core.deploy;

import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;

/**
 * Secret resolution that writes nothing, for planning: checks references, never creates a generated secret;
 * references to literals that {@code --store-secrets} will store resolve to their secret when it exists, and
 * to a placeholder when it does not yet.
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
            try {
                return real.valueFrom(ref);
            } catch (io.quantsinfra.core.error.NotFoundException e) {
                return "(stored at deploy: " + ref.name() + ")";
            }
        }
        return real.valueFrom(ref);
    }

    @Override
    public String generatedValueFrom(String name, int length) {
        return real.existingGeneratedValueFrom(name).orElse("(generated at deploy: " + name + ")");
    }
}
