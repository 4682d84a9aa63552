package io.quantsinfra.core.secret;

/**
 * Port: turns secret references into what ECS puts in a container's {@code secrets[].valueFrom}, without
 * ever reading a value. Implementations check that the secret (and JSON key) exists.
 */
public interface SecretResolver {

    /** The {@code valueFrom} for {@code ref}: {@code <arn>} or {@code <arn>:<jsonKey>::}. Throws NotFoundException when missing. */
    String valueFrom(SecretRef ref);

    /**
     * The {@code valueFrom} of a generated secret named {@code name}, creating it with a random value of
     * {@code length} characters the first time. Used for passwords nobody supplied (Grafana admin).
     */
    String generatedValueFrom(String name, int length);

    /**
     * The {@code valueFrom} of a generated secret if it already exists, without creating it: what a dry run
     * shows. Implementations that cannot tell return empty.
     */
    default java.util.Optional<String> existingGeneratedValueFrom(String name) {
        return java.util.Optional.empty();
    }
}
