package io.quantsinfra.aws.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.aws.ecs.EcsPlatform;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitor's files as the API and the scheduled refresh publish them to the emulator's bucket: with
 * {@code QUANTS_INFRA_MONITOR_REMOTE_WRITE} the published {@code prometheus.yml} remote-writes to the workspace.
 */
@ExtendWith(AwsEmulatorExtension.class)
class AwsMonitorRemoteWriteTest {
    static final String ARN = "arn:aws:aps:us-east-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private static String publishedPrometheusYml(AwsEmulator aws, String remoteWrite) {
        AwsClients prepared = EmulatedAccount.prepare(aws);
        Map<String, String> env = new HashMap<>(prepared.settings().toEnvironment());
        if (remoteWrite != null) {
            env.put(AwsSettings.MONITOR_REMOTE_WRITE, remoteWrite);
        }
        prepared.close();
        try (AwsClients clients = new AwsClients(AwsSettings.from(env), List.of())) {
            AwsMonitor.files(clients, clients.ecs(), new EcsPlatform(clients.ecs(), clients.settings())).publish();
            return clients.s3().getObjectAsBytes(r -> r.bucket(clients.settings().monitorBucket()).key("monitor/prometheus.yml"))
                    .asUtf8String();
        }
    }

    @Test
    void publish_withAWorkspace_writesItsRemoteWriteIntoPrometheusYml(AwsEmulator aws) {
        String yml = publishedPrometheusYml(aws, ARN);

        assertTrue(yml.contains("remote_write:\n  - url: \"https://aps-workspaces.us-east-1.amazonaws.com/workspaces/"
                + "ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789/api/v1/remote_write\"\n    sigv4:\n      region: \"us-east-1\"\n"), yml);
    }

    @Test
    void publish_withoutAWorkspace_keepsTheSeriesInTheTask(AwsEmulator aws) {
        assertFalse(publishedPrometheusYml(aws, null).contains("remote_write"));
    }
}
