package io.quantsinfra.core.status;

import io.quantsinfra.core.catalog.FreqtradeService;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.secret.SecretFormat;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretStore;
import io.quantsinfra.core.secret.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Headers the health probe sends: Freqtrade's {@code /api/v1/health} needs the bot's API login (HTTP basic
 * with {@code api_server.username} and the password secret). Read only when a task is actually probed; the
 * header never reaches a log or a report.
 */
public final class ProbeCredentials {
    private final ServiceCatalog catalog;
    private final StateStore state;
    private final SecretStore secrets;
    private final SecretFormat format;

    public ProbeCredentials(ServiceCatalog catalog, StateStore state, SecretStore secrets, SecretFormat format) {
        this.catalog = catalog;
        this.state = state;
        this.secrets = secrets;
        this.format = format;
    }

    /** The headers for probing {@code endpoint} of {@code instance}; empty when it needs none. */
    public Map<String, String> headers(InstanceId instance, HealthEndpoint endpoint) {
        if (endpoint.reading() != HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS
                || !(catalog.get(instance.service()) instanceof FreqtradeService freqtrade)) {
            return Map.of();
        }
        try {
            return login(freqtrade, instance);
        } catch (io.quantsinfra.core.error.QuantsInfraException e) {
            // A missing or unreadable password costs this instance its probe (it answers 401), not everyone's status.
            return Map.of();
        }
    }

    private Map<String, String> login(FreqtradeService freqtrade, InstanceId instance) {
        return state.deployed(freqtrade.name()).map(d -> {
            String user = freqtrade.apiUsername(d.config());
            SecretRef ref = freqtrade.apiPassword(instance, d.config());
            SecretValue stored = secrets.reveal(ref.name());
            SecretValue password = ref.jsonKey() == null ? stored : format.field(stored, ref.jsonKey());
            String basic = Base64.getEncoder().encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
            return Map.of("Authorization", "Basic " + basic);
        }).orElse(Map.of());
    }
}
