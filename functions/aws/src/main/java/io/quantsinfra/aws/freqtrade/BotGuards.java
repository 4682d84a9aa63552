package io.quantsinfra.aws.freqtrade;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.bot.TradeGuard;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.delivery.Sleeper;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.secret.SecretFormat;
import io.quantsinfra.core.secret.SecretStore;
import io.quantsinfra.core.status.ProbeCredentials;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The {@link TradeGuard} of a function that stops or restarts bots (the API, the secrets rotation Lambda): the bot's
 * REST API at its running task's address, logged in as the health probe does (HTTP basic from its password secret).
 */
public final class BotGuards {
    private BotGuards() {
    }

    /** {@code localHost}: local mode's {@link EcsBotLocator#BOT_API_HOST} (loopback only), or {@code null} on AWS. */
    public static TradeGuard of(EcsClient ecs, AwsSettings settings, ServiceCatalog catalog, StateStore state,
                                SecretStore secrets, SecretFormat format, Clock clock, String localHost) {
        ProbeCredentials login = new ProbeCredentials(catalog, state, secrets, format);
        // The probe's login: the health endpoint is where Freqtrade's basic auth is known to be needed.
        Function<InstanceId, Map<String, String>> headers = id -> login.headers(id, new HealthEndpoint("freqtrade", 0,
                "/api/v1/health", HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS));
        return new TradeGuard(new FreqtradeRestApi(FreqtradeRestApi.DEFAULT_TIMEOUT),
                new EcsBotLocator(ecs, settings.cluster(), settings.probeInstances(), localHost),
                headers, clock, Sleeper.REAL, TradeGuard.EXIT_BUDGET);
    }
}
