package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A task role per service type: Grafana's CloudWatch reads are the monitor's alone. One fact per test. */
class ServiceTaskRolesTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.standard();

    private List<TemplateWalk.Statement> allowing(String action) {
        return TemplateWalk.statements(app).stream().filter(s -> s.allows() && s.actions().contains(action)).toList();
    }

    @Test
    void cloudWatchReads_areGrantedToTheMonitorsTaskRoleOnly() {
        for (String action : List.of("cloudwatch:GetMetricData", "cloudwatch:ListMetrics")) {
            List<TemplateWalk.Statement> instanceRoles = allowing(action).stream()
                    .filter(s -> s.owner().stack().equals("Instances")).toList();
            assertEquals(1, instanceRoles.size(), instanceRoles::toString);
            assertTrue(instanceRoles.getFirst().owner().logicalId().contains("MonitorTaskRole"), instanceRoles::toString);
        }
    }

    @Test
    void theMonitorsConfig_isReadByTheMonitorAndTheSharedRoleOnly() {
        Set<String> readers = new TreeSet<>();
        allowing("s3:GetObject").stream().filter(s -> s.owner().stack().equals("Instances"))
                .forEach(s -> readers.add(s.owner().logicalId().replaceAll("DefaultPolicy.*", "")));
        assertEquals(Set.of("RolesMonitorTaskRole", "RolesTaskRole"), readers);
    }

    @Test
    void botsAndCollectors_mountTheFileSystemThroughTheAccessPoint_only() {
        for (String role : List.of("DataCollectorTaskRole", "FreqtradeTaskRole")) {
            List<TemplateWalk.Statement> statements = TemplateWalk.statements(app).stream()
                    .filter(s -> s.owner().logicalId().contains(role) && s.owner().logicalId().contains("DefaultPolicy")).toList();
            assertEquals(List.of(List.of("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite")),
                    statements.stream().map(TemplateWalk.Statement::actions).toList(), role);
            assertFalse(statements.getFirst().condition().isEmpty(), role);
        }
    }

    @Test
    void controlPlaneLambdas_getEachTypesRole() {
        ControlPlaneTemplateTest.javaFunctions(app).forEach(f -> {
            Object roles = LambdaEnvironmentTest.variables(f).get(AwsSettings.SERVICE_TASK_ROLE_ARNS);
            String text = String.valueOf(roles);
            for (String type : List.of("data-collector=", ",freqtrade=", ",monitor=")) {
                assertTrue(text.contains(type), type + " in " + text);
            }
            assertTrue(roles instanceof Map, "the ARNs are references to the roles (Fn::Join): " + roles);
        });
    }
}
