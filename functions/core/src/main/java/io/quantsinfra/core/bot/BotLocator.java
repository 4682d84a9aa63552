package io.quantsinfra.core.bot;

import io.quantsinfra.core.deploy.InstanceId;

/** Port: the address a running bot's API answers on (a RUNNING task's private address). */
@FunctionalInterface
public interface BotLocator {

    /** The host, or a {@link Located.Nowhere} saying why there is none. */
    Located locate(InstanceId instance);

    /** Where a bot was found. */
    sealed interface Located permits Located.At, Located.Nowhere {
        /** Found at {@code host}. */
        record At(String host) implements Located {}

        /** Not reachable, and why (no running task, probing off). */
        record Nowhere(String reason) implements Located {}
    }
}
