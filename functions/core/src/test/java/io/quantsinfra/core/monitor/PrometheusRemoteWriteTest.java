package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The monitor's series sent on to an Amazon Managed Service for Prometheus workspace, so they survive the task. */
class PrometheusRemoteWriteTest {
    static final String ARN = "arn:aws:aps:eu-west-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final ScrapeTarget COLLECTORS = new ScrapeTarget("data-collector", List.of("10.42.1.10:9090"), Map.of());

    @Test
    void ofWorkspaceArn_givesAmpsRemoteWriteEndpoint() {
        RemoteWrite w = RemoteWrite.ofWorkspaceArn(ARN);

        assertEquals("eu-west-1", w.region());
        assertEquals("https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789"
                + "/api/v1/remote_write", w.url());
        assertEquals("https://aps-workspaces.cn-north-1.amazonaws.com.cn/workspaces/ws-1/api/v1/remote_write",
                RemoteWrite.ofWorkspaceArn("arn:aws-cn:aps:cn-north-1:123456789012:workspace/ws-1").url());
    }

    @Test
    void ofWorkspaceArn_refusesWhatIsNotAWorkspaceArn() {
        for (String bad : List.of("", "ws-0a1b2c3d", "arn:aws:aps:eu-west-1:123456789012:rulegroupsnamespace/ws-1/x",
                "arn:aws:s3:::bucket", "arn:aws:aps:eu-west-1:1234:workspace/ws-1", ARN + "\nremote_write: []")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteWrite.ofWorkspaceArn(bad), bad);
            assertTrue(e.getMessage().startsWith("expected an Amazon Managed Service for Prometheus workspace ARN"), e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusYml_withRemoteWrite_sendsEverySeriesSignedWithSigV4() {
        String yml = PrometheusConfig.standard().withRemoteWrite(RemoteWrite.ofWorkspaceArn(ARN)).prometheusYml(List.of(COLLECTORS));

        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yml);
        List<Map<String, Object>> rw = (List<Map<String, Object>>) doc.get("remote_write");
        assertEquals(1, rw.size());
        assertEquals(RemoteWrite.ofWorkspaceArn(ARN).url(), rw.getFirst().get("url"));
        assertEquals(Map.of("region", "eu-west-1"), rw.getFirst().get("sigv4"));
        assertEquals(1000, ((Map<?, ?>) rw.getFirst().get("queue_config")).get("max_samples_per_send"));
        assertFalse(PrometheusConfig.standard().prometheusYml(List.of(COLLECTORS)).contains("remote_write"),
                "without a workspace the series stay in the task");
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitorFiles_withRemoteWrite_provisionGrafanaWithTheWorkspaceAsASigV4DataSource() {
        PrometheusConfig config = PrometheusConfig.standard().withRemoteWrite(RemoteWrite.ofWorkspaceArn(ARN));
        Map<String, String> files = new MonitorFiles(new MonitorFilesTest.FakeTargets(), null, InstanceAddresses.NONE,
                new MonitorFilesTest.FakePublisher(), config).render();

        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(files.get(GrafanaProvisioning.AMP_DATA_SOURCE));
        Map<String, Object> ds = ((List<Map<String, Object>>) doc.get("datasources")).getFirst();
        assertEquals("prometheus", ds.get("type"));
        assertEquals("https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789", ds.get("url"));
        assertEquals(Map.of("httpMethod", "POST", "sigV4Auth", true, "sigV4AuthType", "default", "sigV4Region", "eu-west-1"),
                ds.get("jsonData"));
        assertFalse(new MonitorFiles(new MonitorFilesTest.FakeTargets(), null, InstanceAddresses.NONE,
                new MonitorFilesTest.FakePublisher(), PrometheusConfig.standard()).render().containsKey(GrafanaProvisioning.AMP_DATA_SOURCE));
    }

    @Test
    void promtool_acceptsTheConfigWithRemoteWrite(@TempDir Path dir) throws Exception {
        PrometheusConfig config = new PrometheusConfig(dir.toString()).withRemoteWrite(RemoteWrite.ofWorkspaceArn(ARN));
        for (Map.Entry<String, String> f : config.render(List.of(COLLECTORS)).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }

        String out = PrometheusConfigTest.promtool("check", "config", dir.resolve("prometheus.yml").toString());

        assertTrue(out.contains("SUCCESS"), out);
    }
}
