package io.quantsinfra.aws.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretValue;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@ExtendWith(AwsEmulatorExtension.class)
class SecretsManagerStoreTest {
    private AwsClients clients;
    private SecretsManagerClient sm;
    private SecretsManagerStore store;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        sm = clients.secretsManager();
        store = new SecretsManagerStore(sm, "quants-infra/", null);
    }

    @AfterEach
    void close() {
        sm.close();
        clients.close();
    }

    @Test
    void put_createsUnderThePrefix_taggedManaged_andDescribeListsJsonKeysNotValues() {
        SecretMetadata m = store.put("binance", SecretValue.of("{\"apiKey\":\"CANARY-k\",\"apiSecret\":\"CANARY-s\"}"));

        assertEquals("binance", m.name());
        assertTrue(m.arn().contains(":secret:quants-infra/binance"), m.arn());
        assertEquals(List.of("apiKey", "apiSecret"), m.jsonKeys());
        assertTrue(sm.describeSecret(r -> r.secretId("quants-infra/binance")).tags().stream()
                .anyMatch(t -> t.key().equals("managed-by") && t.value().equals("quants-infra")));
        assertFalse(m.toString().contains("CANARY"), "metadata never holds the value");
    }

    @Test
    void put_again_addsANewCurrentVersion() {
        store.put("token", SecretValue.of("one"));
        store.put("token", SecretValue.of("two"));

        assertEquals("two", store.reveal("token").reveal());
        assertEquals(2, store.describe("token").orElseThrow().versions().size());
    }

    @Test
    void promote_makesThePendingVersionCurrent_andKeepsThePreviousOne() {
        store.put("token", SecretValue.of("old"));
        String pending = java.util.UUID.randomUUID().toString();
        store.putPending("token", pending, SecretValue.of("new"));
        assertEquals("old", store.reveal("token").reveal(), "a pending version is not current");

        store.promote("token", pending);

        SecretMetadata m = store.describe("token").orElseThrow();
        assertEquals("new", store.reveal("token").reveal());
        assertEquals(pending, m.versionWith("AWSCURRENT").orElseThrow());
        assertNotNull(m.versionWith("AWSPREVIOUS").orElse(null), m.versions()::toString);
        assertTrue(m.versionWith("AWSPENDING").isEmpty(), m.versions()::toString);
    }

    @Test
    void discardPending_leavesTheCurrentValue() {
        store.put("token", SecretValue.of("old"));
        String pending = java.util.UUID.randomUUID().toString();
        store.putPending("token", pending, SecretValue.of("bad"));

        store.discardPending("token", pending);

        assertEquals("old", store.reveal("token").reveal());
        assertTrue(store.describe("token").orElseThrow().versionWith("AWSPENDING").isEmpty());
    }

    @Test
    void delete_withRecovery_thenRestore() {
        store.put("token", SecretValue.of("v"));

        assertNotNull(store.delete("token", 7, false).deletedDate());
        assertThrows(ConflictException.class, () -> store.put("token", SecretValue.of("w")));
        assertEquals(null, store.restore("token").deletedDate());
        assertEquals("v", store.reveal("token").reveal());
    }

    @Test
    void list_showsOnlySecretsUnderThePrefix() {
        store.put("a", SecretValue.of("1"));
        store.put("b/c", SecretValue.of("2"));
        sm.createSecret(r -> r.name("someone-else").secretString("x"));

        assertEquals(List.of("a", "b/c"), store.list().stream().map(SecretMetadata::name).toList());
    }

    @Test
    void jsonKeys_refusesMalformedOrNestedJson_withoutTheValue() {
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> store.jsonKeys(SecretValue.of("{\"k\": hunter2")));
        InvalidInputException nested = assertThrows(InvalidInputException.class,
                () -> store.jsonKeys(SecretValue.of("{\"k\": {\"x\": \"hunter2\"}}")));

        assertFalse(bad.getMessage().contains("hunter2"));
        assertFalse(nested.getMessage().contains("hunter2"));
    }

    @Test
    void label_isOnOneVersionAtATime_andListShowsIt() {
        store.put("token", SecretValue.of("old"));
        String first = store.describe("token").orElseThrow().versionWith("AWSCURRENT").orElseThrow();
        String second = java.util.UUID.randomUUID().toString();
        store.putPending("token", second, SecretValue.of("new"));

        store.label("token", "QUANTS_INFRA_ROLLOUT", first);
        store.label("token", "QUANTS_INFRA_ROLLOUT", second);
        store.label("token", "QUANTS_INFRA_ROLLOUT", second);

        var stages = sm.describeSecret(r -> r.secretId("quants-infra/token")).versionIdsToStages();
        assertFalse(stages.get(first).contains("QUANTS_INFRA_ROLLOUT"), stages::toString);
        assertTrue(stages.get(second).contains("QUANTS_INFRA_ROLLOUT"), stages::toString);
        SecretMetadata listed = store.list().stream().filter(m -> m.name().equals("token")).findFirst().orElseThrow();
        assertEquals(second, listed.versionWith("QUANTS_INFRA_ROLLOUT").orElseThrow());
        assertEquals("old", store.reveal("token").reveal(), "a label of its own moves no value");
    }

    @Test
    void unlabel_succeedsForExactlyOneCaller() {
        store.put("token", SecretValue.of("v"));
        String version = store.describe("token").orElseThrow().versionWith("AWSCURRENT").orElseThrow();
        store.label("token", "QUANTS_INFRA_ROLLOUT", version);

        assertTrue(store.unlabel("token", "QUANTS_INFRA_ROLLOUT", version));
        assertFalse(store.unlabel("token", "QUANTS_INFRA_ROLLOUT", version));
        assertTrue(store.describe("token").orElseThrow().versionWith("QUANTS_INFRA_ROLLOUT").isEmpty());
    }

    @Test
    void putPending_withAGivenVersion_isPendingUnderThatId_andAgainChangesNothing() {
        store.put("token", SecretValue.of("old"));
        String token = java.util.UUID.randomUUID().toString();

        store.putPending("token", token, SecretValue.of("new-value"));
        store.putPending("token", token, SecretValue.of("new-value"));

        SecretMetadata m = store.describe("token").orElseThrow();
        assertEquals(token, m.versionWith("AWSPENDING").orElseThrow());
        assertEquals(2, m.versions().size());
        assertEquals("new-value", store.reveal("token", token).reveal());
        assertEquals("old", store.reveal("token").reveal());
    }

    @Test
    void reveal_ofAVersionThatDoesNotExist_isNotFound() {
        store.put("token", SecretValue.of("v"));

        assertThrows(io.quantsinfra.core.error.NotFoundException.class,
                () -> store.reveal("token", java.util.UUID.randomUUID().toString()));
    }

    @Test
    void nameOf_findsASecretUnderThePrefixByArn_butNotOneOutsideIt() {
        String arn = store.put("monitor/grafana", SecretValue.of("v")).arn();
        String outside = sm.createSecret(r -> r.name("someone-else/key").secretString("v")).arn();

        assertEquals("monitor/grafana", store.nameOf(arn).orElseThrow());
        assertTrue(store.nameOf(outside).isEmpty());
        assertTrue(store.nameOf("arn:aws:secretsmanager:us-east-1:123456789012:secret:quants-infra/none-AbCdEf").isEmpty());
    }

    @Test
    void generated_isTrueOnlyForSecretsQuantsInfraGenerated() {
        store.put("binance", SecretValue.of("{\"apiKey\":\"k\"}"));
        new SecretsManagerResolver(sm, "quants-infra/", null).generatedValueFrom("monitor/grafana", 32);

        assertFalse(store.generated("binance"));
        assertTrue(store.generated("monitor/grafana"));
        assertFalse(store.generated("missing"));
    }
}
