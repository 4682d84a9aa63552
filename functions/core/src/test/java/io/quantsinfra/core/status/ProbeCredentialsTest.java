package io.quantsinfra.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import io.quantsinfra.core.secret.SecretFormat;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretStore;
import io.quantsinfra.core.secret.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeCredentialsTest {
    private static final ServiceCatalog CATALOG = ServiceCatalog.standard();
    private static final HealthEndpoint FREQTRADE = new HealthEndpoint("freqtrade", 8080, "/api/v1/health",
            HealthEndpoint.Reading.FREQTRADE_LAST_PROCESS);

    /** One deployed config in memory. */
    private record OneConfig(ServiceConfig config) implements StateStore {
        @Override public void record(DeploymentRecord entry) { }
        @Override public List<DeploymentRecord> history(String service, int limit) { return List.of(); }
        @Override public void saveDeployed(DeployedConfig deployed) { }
        @Override public Optional<DeployedConfig> deployed(String service) {
            return config.service().equals(service) ? Optional.of(new DeployedConfig(config, Overrides.NONE)) : Optional.empty();
        }
        @Override public void forgetDeployed(String service) { }
    }

    /** Secrets in memory; only reveal is used. */
    private record Secrets(Map<String, String> values) implements SecretStore, SecretFormat {
        @Override public SecretValue reveal(String name) { return SecretValue.of(values.get(name)); }
        @Override public SecretMetadata put(String name, SecretValue value) { throw new UnsupportedOperationException(); }
        @Override public Optional<SecretMetadata> describe(String name) { return Optional.empty(); }
        @Override public List<SecretMetadata> list() { return List.of(); }
        @Override public SecretValue reveal(String name, String versionId) { throw new UnsupportedOperationException(); }
        @Override public void putPending(String name, String versionId, SecretValue value) { throw new UnsupportedOperationException(); }
        @Override public java.util.Optional<String> nameOf(String secretId) { throw new UnsupportedOperationException(); }
        @Override public boolean generated(String name) { return false; }
        @Override public void label(String name, String label, String versionId) { throw new UnsupportedOperationException(); }
        @Override public boolean unlabel(String name, String label, String versionId) { return false; }
        @Override public void discardPending(String name, String versionId) { }
        @Override public void promote(String name, String versionId) { }
        @Override public SecretMetadata delete(String name, int days, boolean force) { throw new UnsupportedOperationException(); }
        @Override public SecretMetadata restore(String name) { throw new UnsupportedOperationException(); }
        @Override public List<String> jsonKeys(SecretValue value) { return List.of(); }
        @Override public SecretValue field(SecretValue value, String key) {
            return SecretValue.of(value.reveal().replaceAll(".*\"" + key + "\":\"([^\"]*)\".*", "$1"));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headers_logInToFreqtrade_withTheGeneratedPasswordOfTheInstance() {
        ServiceConfig config = CATALOG.get("freqtrade").validate(Map.of("strategy", "S", "stake_amount", 10,
                "exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT")),
                "api_server", Map.of("username", "bot")));
        var creds = new ProbeCredentials(CATALOG, new OneConfig(config),
                new Secrets(Map.of("freqtrade/freqtrade-2/api-password", "pw2")), new Secrets(Map.of()));

        assertEquals(Map.of("Authorization", basic("bot", "pw2")), creds.headers(new InstanceId("freqtrade", 2), FREQTRADE));
    }

    @Test
    void headers_useTheConfiguredPasswordReference_andItsJsonKey() {
        ServiceConfig config = CATALOG.get("freqtrade").validate(Map.of("strategy", "S", "stake_amount", 10,
                "exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT")),
                "api_server", Map.of("username", "bot", "password", Map.of("secretRef", "ft-api", "jsonKey", "password"))));
        Secrets secrets = new Secrets(Map.of("ft-api", "{\"password\":\"s3\"}"));
        var creds = new ProbeCredentials(CATALOG, new OneConfig(config), secrets, secrets);

        assertEquals(Map.of("Authorization", basic("bot", "s3")), creds.headers(new InstanceId("freqtrade", 1), FREQTRADE));
    }

    @Test
    void headers_areEmpty_forEndpointsThatNeedNoLogin() {
        var creds = new ProbeCredentials(CATALOG, new OneConfig(new ServiceConfig("monitor", Map.of())), new Secrets(Map.of()),
                new Secrets(Map.of()));
        HealthEndpoint prometheus = new HealthEndpoint("prometheus", 9090, "/-/healthy", HealthEndpoint.Reading.HTTP_OK);

        assertEquals(Map.of(), creds.headers(new InstanceId("monitor", 1), prometheus));
    }
}
