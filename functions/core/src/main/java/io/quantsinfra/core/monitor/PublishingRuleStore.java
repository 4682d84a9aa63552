package io.quantsinfra.core.monitor;

import io.quantsinfra.core.rule.RuleStore;
import io.quantsinfra.core.rule.StoredRuleFile;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link RuleStore} that republishes the monitor's files after every change, so that the monitor's Prometheus
 * loads the rule files applied to the control plane within a config-sync period. The change stands when publishing
 * fails (the scheduled refresh catches up); the failure propagates so that the caller sees it.
 *
 * {@snippet :
 * RuleStore store = new PublishingRuleStore(dynamoRules, () -> monitorFiles);
 * }
 */
public final class PublishingRuleStore implements RuleStore {
    private final RuleStore delegate;
    private final Supplier<MonitorFiles> files;

    /** {@code files} is a supplier because the monitor's files read this very store. */
    public PublishingRuleStore(RuleStore delegate, Supplier<MonitorFiles> files) {
        this.delegate = delegate;
        this.files = files;
    }

    @Override public Optional<StoredRuleFile> get(String name) { return delegate.get(name); }

    @Override public List<StoredRuleFile> list() { return delegate.list(); }

    @Override
    public void put(StoredRuleFile file) {
        delegate.put(file);
        files.get().publish();
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
        files.get().publish();
    }
}
