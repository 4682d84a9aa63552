package io.quantsinfra.core.silence;

import java.util.List;
import java.util.Optional;

/** Port: silences. */
public interface SilenceStore {
    List<Silence> all();

    Optional<Silence> get(String id);

    /** Stores {@code silence} if the stored version is {@code silence.version() - 1} (absent for 1); ConflictException otherwise. */
    void put(Silence silence);
}
