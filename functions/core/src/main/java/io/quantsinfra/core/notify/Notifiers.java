package io.quantsinfra.core.notify;

import io.quantsinfra.core.routing.Integration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The notifiers by integration type. */
public final class Notifiers {
    private final Map<String, Notifier> byType = new HashMap<>();

    public Notifiers(List<Notifier> notifiers) {
        notifiers.forEach(n -> byType.put(n.type(), n));
    }

    public Attempt send(Integration endpoint, Notification n) {
        Notifier notifier = byType.get(endpoint.type());
        if (notifier == null) {
            return Attempt.permanent(0, "no notifier for " + endpoint.type());
        }
        try {
            return notifier.send(endpoint, n);
        } catch (io.quantsinfra.core.error.NotFoundException e) {
            return Attempt.permanent(0, "a credential is missing: " + e.getMessage());
        } catch (io.quantsinfra.core.error.InvalidInputException e) {
            return Attempt.permanent(0, e.getMessage());
        } catch (io.quantsinfra.core.error.QuantsInfraException e) {
            return Attempt.retryable(0, e.getMessage());
        }
    }
}
