package io.quantsinfra.core.routing;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.secret.AlertingSecrets;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretValue;

/**
 * The send-time half of "credentials only from secrets meant for alerting": reads through {@code delegate} only
 * references named {@code alerting/…}, whatever config reached the notifier (a config stored before the rule, or
 * one written to the table directly). The apply-time half is in {@link Fields} and {@link RoutingService}.
 */
public final class AlertingSecretValues implements SecretValues {
    private final SecretValues delegate;

    private AlertingSecretValues(SecretValues delegate) {
        this.delegate = delegate instanceof AlertingSecretValues a ? a.delegate : delegate;
    }

    /** {@code secrets}, restricted to alerting secrets. */
    public static SecretValues of(SecretValues secrets) {
        return new AlertingSecretValues(secrets);
    }

    @Override
    public SecretValue value(SecretRef ref) {
        if (!AlertingSecrets.isAlerting(ref.name())) {
            throw new InvalidInputException("secretRef", "secret " + ref.name() + " is not meant for alerting (only "
                    + AlertingSecrets.PREFIX + "… may be read by the routing config); it was not read");
        }
        return delegate.value(ref);
    }
}
