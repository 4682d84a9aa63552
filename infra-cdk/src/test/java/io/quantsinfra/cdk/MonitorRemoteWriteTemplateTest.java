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
    void taskRole_mayRemoteWriteToTheNamedWorkspaceOnly() {
        List<TemplateWalk.Statement> writes = remoteWrites(SynthesizedApp.variant());

        assertEquals(1, writes.size(), writes::toString);
        assertEquals("Instances", writes.getFirst().owner().stack());
        assertEquals(List.of("aps:RemoteWrite"), writes.getFirst().actions());
        assertEquals(List.of(ARN), writes.getFirst().resources());
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
