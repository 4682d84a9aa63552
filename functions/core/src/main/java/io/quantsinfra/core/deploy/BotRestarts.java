package io.quantsinfra.core.deploy;

import io.quantsinfra.core.bot.BotStop;
import io.quantsinfra.core.bot.StopKind;
import io.quantsinfra.core.bot.TradeGuard;
import io.quantsinfra.core.bot.TradeSafety;
import io.quantsinfra.core.catalog.FreqtradeService;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.secret.ConsumerRestarts;
import java.util.List;
import java.util.Optional;

/**
 * Before a secret's consumers restart: every running Freqtrade bot among them is told to stop entries (the
 * {@link TradeGuard} with {@link TradeSafety#FORCE}, so an unreachable bot is said, not refused). Other services
 * are restarted without a word.
 */
public final class BotRestarts implements ConsumerRestarts {
    private final ServiceCatalog catalog;
    private final StateStore state;
    private final TradeGuard guard;

    public BotRestarts(ServiceCatalog catalog, StateStore state, TradeGuard guard) {
        this.catalog = catalog;
        this.state = state;
        this.guard = guard;
    }

    @Override
    public List<BotStop> beforeRestart(List<InstanceState> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        ServiceType type = catalog.get(instances.getFirst().id().service());
        if (!(type instanceof FreqtradeService)) {
            return List.of();
        }
        Optional<StateStore.DeployedConfig> running = state.deployed(type.name());
        // Without a stored config the bot's mode is unknown: treated as live, the careful side (as the lifecycle does).
        boolean live = running.map(r -> type.isLive(r.config())).orElse(true);
        int port = running.map(r -> type.healthEndpoints(r.config(), r.overrides()).getFirst().port()).orElse(type.defaultPort());
        return instances.stream().filter(s -> s.desired() > 0)
                .map(s -> guard.stop(guard.inspect(new TradeGuard.Target(s.id(), port, live), StopKind.RESTART, TradeSafety.FORCE),
                        StopKind.RESTART, TradeSafety.FORCE))
                .toList();
    }
}
