package io.quantsinfra.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The monitor's files in the emulated bucket: unchanged files are not rewritten; what is no longer rendered goes. */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3MonitorConfigPublisherTest {
    AwsClients clients;
    S3MonitorConfigPublisher publisher;

    @BeforeAll
    void start(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        publisher = new S3MonitorConfigPublisher(clients.s3(), clients.settings().monitorBucket());
    }

    @AfterAll
    void stop() {
        clients.close();
    }

    private List<String> keys() {
        return clients.s3().listObjectsV2(r -> r.bucket(clients.settings().monitorBucket()).prefix("monitor/")).contents()
                .stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void publish_removesADeletedRuleFileAndAStoppedServicesFiles_andRewritesNothingUnchanged() {
        publisher.publish(Map.of("prometheus.yml", "a", "rules/collectors.yml", "r", "discovered/data-collector.json", "[]\n",
                "grafana/dashboards/bots.json", "{}"));
        List<String> changed = publisher.publish(Map.of("prometheus.yml", "a", "grafana/dashboards/bots.json", "{}"));
        String bucket = clients.settings().monitorBucket();
        assertEquals(List.of("s3://" + bucket + "/monitor/discovered/data-collector.json (removed)",
                "s3://" + bucket + "/monitor/rules/collectors.yml (removed)"), changed.stream().sorted().toList());
        assertEquals(List.of("monitor/grafana/dashboards/bots.json", "monitor/prometheus.yml"), keys());
        assertTrue(publisher.publish(Map.of("prometheus.yml", "a", "grafana/dashboards/bots.json", "{}")).isEmpty());
    }
}
