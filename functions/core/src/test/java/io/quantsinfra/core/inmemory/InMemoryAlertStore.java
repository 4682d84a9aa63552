package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Alert states in memory, with the same version conditions as the DynamoDB store. */
public final class InMemoryAlertStore implements AlertStore {
    private final Map<String, Alert> alerts = new ConcurrentHashMap<>();

    @Override
    public List<Alert> all() {
        return new ArrayList<>(alerts.values());
    }

    @Override
    public synchronized void save(Alert alert) {
        Alert cur = alerts.get(alert.key());
        long stored = cur == null ? 0 : cur.version();
        if (stored != alert.version() - 1) {
            throw new ConflictException("alert " + alert.key() + " is at version " + stored + ", not " + (alert.version() - 1));
        }
        alerts.put(alert.key(), alert);
    }

    @Override
    public synchronized void remove(Alert alert) {
        Alert cur = alerts.get(alert.key());
        if (cur == null || cur.version() != alert.version()) {
            throw new ConflictException("alert " + alert.key() + " changed");
        }
        alerts.remove(alert.key());
    }
}
