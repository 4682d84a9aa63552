package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.rule.RuleStore;
import io.quantsinfra.core.rule.StoredRuleFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rule files in memory. */
public final class InMemoryRuleStore implements RuleStore {
    private final Map<String, StoredRuleFile> files = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredRuleFile> get(String name) {
        return Optional.ofNullable(files.get(name));
    }

    @Override
    public List<StoredRuleFile> list() {
        List<StoredRuleFile> l = new ArrayList<>(files.values());
        l.sort(Comparator.comparing(StoredRuleFile::name));
        return l;
    }

    @Override
    public synchronized void put(StoredRuleFile file) {
        long stored = files.containsKey(file.name()) ? files.get(file.name()).version() : 0;
        if (stored != file.version() - 1) {
            throw new ConflictException("rule file " + file.name() + " changed meanwhile (version " + stored + ")");
        }
        files.put(file.name(), file);
    }

    @Override
    public void delete(String name) {
        if (files.remove(name) == null) {
            throw new NotFoundException("rule file " + name + " does not exist");
        }
    }
}
