package io.quantsinfra.core.rule;

import java.util.List;
import java.util.Optional;

/** Port: rule files, versioned. */
public interface RuleStore {
    Optional<StoredRuleFile> get(String name);

    List<StoredRuleFile> list();

    /**
     * Stores {@code file} if the stored version is still {@code file.version() - 1} (0: none stored);
     * ConflictException otherwise.
     */
    void put(StoredRuleFile file);

    /** Removes a file; NotFoundException when there is none. */
    void delete(String name);
}
