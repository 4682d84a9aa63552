package io.quantsinfra.aws.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The send-time read of receiver credentials against the emulator: only secrets named alerting/… are read at all. */
@ExtendWith(AwsEmulatorExtension.class)
class SecretsManagerValuesTest {

    @Test
    void value_ofASecretNotMeantForAlerting_isRefused_withoutACall(AwsEmulator aws) {
        AwsCallRecorder recorder = new AwsCallRecorder();
        try (AwsClients clients = EmulatedAccount.prepare(aws);
             AwsClients recorded = new AwsClients(clients.settings(), List.of(recorder));
             var sm = clients.secretsManager();
             var read = recorded.secretsManager()) {
            String prefix = clients.settings().secretPrefix();
            sm.createSecret(r -> r.name(prefix + "binance").secretString("{\"apiKey\":\"CANARY-exchange-key\"}"));
            sm.createSecret(r -> r.name(prefix + "alerting/pd").secretString("{\"routing_key\":\"R0UTING\"}"));
            SecretsManagerValues values = new SecretsManagerValues(read, prefix);

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> values.value(new SecretRef("binance", "apiKey")));
            assertTrue(e.getMessage().contains("secret binance is not meant for alerting"), e.getMessage());
            assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
            assertEquals(List.of(), recorder.calls());
            assertEquals("R0UTING", values.value(new SecretRef("alerting/pd", "routing_key")).reveal());
        }
    }
}
