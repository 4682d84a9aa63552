package io.quantsinfra.core.evaluation;

import java.util.List;

/** Port: the alerts' states. Writes are conditional on the version, so concurrent evaluators cannot both win. */
public interface AlertStore {
    List<Alert> all();

    /** Stores {@code alert} if the stored version is {@code alert.version() - 1} (absent for 1); ConflictException otherwise. */
    void save(Alert alert);

    /** Removes {@code alert} if the stored version is still {@code alert.version()}; ConflictException otherwise. */
    void remove(Alert alert);
}
