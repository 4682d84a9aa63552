package io.quantsinfra.core.deploy;

import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;

/** Secret resolution for a dry run: checks references, but never creates a generated secret. */
final class DryRunSecrets implements SecretResolver {
    private final SecretResolver real;

    DryRunSecrets(SecretResolver real) {
        this.real = real;
    }

    @Override
    public String valueFrom(SecretRef ref) {
        return real.valueFrom(ref);
    }

    @Override
    public String generatedValueFrom(String name, int length) {
        return real.existingGeneratedValueFrom(name).orElse("(generated at deploy: " + name + ")");
    }
}
