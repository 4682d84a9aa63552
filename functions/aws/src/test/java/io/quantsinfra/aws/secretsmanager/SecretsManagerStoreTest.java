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
        String pending = store.putPending("token", SecretValue.of("new"));
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
        String pending = store.putPending("token", SecretValue.of("bad"));

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
}
