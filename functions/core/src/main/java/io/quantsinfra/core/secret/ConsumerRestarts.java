package io.quantsinfra.core.secret;

import io.quantsinfra.core.bot.BotStop;
import io.quantsinfra.core.deploy.InstanceState;
import java.util.List;

/**
 * Asked before the consumers of a changed secret get a new deployment. A restart for a rotated secret is one
 * quants-infra decides on its own, so it is never refused: a bot is told to stop taking entries first (its open
 * trades stay in its database for the next task), and what it answered goes into the history.
 *
 * {@snippet :
 * ConsumerRestarts restarts = new io.quantsinfra.core.deploy.BotRestarts(catalog, state, guard);
 * List<BotStop> stories = restarts.beforeRestart(consumersOfOneService);
 * }
 */
@FunctionalInterface
public interface ConsumerRestarts {
    /** Restarts that ask nobody first (no bot API reachable: tests of the secret rules alone). */
    ConsumerRestarts NONE = instances -> List.of();

    /** Called once per service with its consuming instances, before any of them is restarted. */
    List<BotStop> beforeRestart(List<InstanceState> instances);
}
