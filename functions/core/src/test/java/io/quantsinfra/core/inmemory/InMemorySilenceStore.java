package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.core.silence.SilenceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Silences in memory. */
public final class InMemorySilenceStore implements SilenceStore {
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    @Override
    public List<Silence> all() {
        return new ArrayList<>(silences.values());
    }

    @Override
    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    @Override
    public synchronized void put(Silence s) {
        Silence cur = silences.get(s.id());
        if ((cur == null ? 0 : cur.version()) != s.version() - 1) {
            throw new ConflictException("silence " + s.id() + " changed meanwhile");
        }
        silences.put(s.id(), s);
    }
}
