package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code monitorAmpWorkspaceArn}: the task role may remote-write to that workspace only, and the Lambdas render it. */
class MonitorRemoteWriteTemplateTest {
    static final String ARN = "arn:aws:aps:us-east-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private static List<TemplateWalk.Statement> remoteWrites(SynthesizedApp app) {
        return TemplateWalk.statements(app).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("aps:"))).toList();
    }

    @Test
    void monitorsTaskRole_mayWriteAndQueryTheNamedWorkspaceOnly() {
        List<TemplateWalk.Statement> amp = remoteWrites(SynthesizedApp.variant());

        // CDK writes a statement's actions sorted.
        assertEquals(List.of(List.of("aps:RemoteWrite"), List.of("aps:GetLabels", "aps:GetMetricMetadata", "aps:GetSeries",
                "aps:QueryMetrics")), amp.stream().map(TemplateWalk.Statement::actions).toList(), amp::toString);
        amp.forEach(s -> {
            assertTrue(s.owner().logicalId().contains("MonitorTaskRole"), s.toString());
            assertEquals(List.of(ARN), s.resources());
        });
    }

    @Test
    void withoutAWorkspace_noRoleMayCallAmp() {
        assertEquals(List.of(), remoteWrites(SynthesizedApp.standard()));
    }

    @Test
    void controlPlaneLambdas_renderTheRemoteWrite_whenAWorkspaceIsNamed() {
        ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).forEach(f ->
                assertEquals(ARN, LambdaEnvironmentTest.variables(f).get(AwsSettings.MONITOR_REMOTE_WRITE), f.toString()));
        ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.standard()).forEach(f ->
                assertTrue(!LambdaEnvironmentTest.variables(f).containsKey(AwsSettings.MONITOR_REMOTE_WRITE), f.toString()));
    }
}
