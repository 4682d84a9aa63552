package io.quantsinfra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code QUANTS_INFRA_MONITOR_REMOTE_WRITE}: the AMP workspace the monitor's Prometheus writes to, checked at start. */
class AwsSettingsRemoteWriteTest {
    private static final String ARN = "arn:aws:aps:eu-west-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private static Map<String, String> env(String remoteWrite) {
        Map<String, String> m = new HashMap<>(Map.of(AwsSettings.SUBNETS, "subnet-a=us-east-1a", AwsSettings.SECURITY_GROUPS, "sg-1"));
        if (remoteWrite != null) {
            m.put(AwsSettings.MONITOR_REMOTE_WRITE, remoteWrite);
        }
        return m;
    }

    @Test
    void from_readsTheWorkspace_andWritesItBack() {
        AwsSettings s = AwsSettings.from(env(ARN));

        assertEquals(ARN, s.monitorRemoteWrite());
        assertEquals(s, AwsSettings.from(s.toEnvironment()));
        assertNull(AwsSettings.from(env(null)).monitorRemoteWrite(), "unset: the series stay in the task");
    }

    @Test
    void from_refusesWhatIsNotAWorkspaceArn_namingTheVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AwsSettings.from(env("ws-0a1b2c3d")));

        assertTrue(e.getMessage().startsWith("QUANTS_INFRA_MONITOR_REMOTE_WRITE: expected an Amazon Managed Service for "
                + "Prometheus workspace ARN"), e.getMessage());
    }
}
