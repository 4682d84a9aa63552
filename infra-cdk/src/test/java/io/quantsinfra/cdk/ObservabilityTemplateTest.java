package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alarms and the dashboard: one fact per test. */
class ObservabilityTemplateTest {
    private final Template standard = SynthesizedApp.standard().template("Observability");
    private final Template withJobs = SynthesizedApp.variant().template("Observability");

    @Test
    void everyLambda_hasAnErrorsAlarm() {
        int functions = ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).size();
        withJobs.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Errors")), functions);
    }

    @Test
    void everyLambda_hasAThrottlesAlarm() {
        int functions = ControlPlaneTemplateTest.javaFunctions(SynthesizedApp.variant()).size();
        withJobs.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Throttles")), functions);
    }

    @Test
    void staleAlertEvaluation_raisesAnAlarmAlsoWhenNoDataArrives() {
        withJobs.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "ComparisonOperator", "LessThanThreshold", "Threshold", 1, "TreatMissingData", "breaching",
                "Metrics", Match.arrayWith(java.util.List.of(Match.objectLike(Map.of("Expression", "invocations - errors")))))));
    }

    @Test
    void alarms_notifyTheAlarmTopic() {
        String topic = standard.getResourceId("AWS::SNS::Topic");
        standard.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", java.util.List.of(Map.of("Ref", topic)))));
    }

    @Test
    void alarmEmail_subscribesToTheTopic() {
        withJobs.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Match.anyValue()));
    }

    @Test
    void dashboard_showsDeploysEvaluationsNotificationsLatencyAndHealth() {
        String body = String.valueOf(standard.findResources("AWS::CloudWatch::Dashboard").values().iterator().next());
        for (String title : new String[] {"Deploys", "Alert evaluations", "Notifications", "API latency (ms)", "Instance health"}) {
            assertTrue(body.contains("\"title\":\"" + title + "\""), title + " missing from " + body);
        }
    }

    @Test
    void standardApp_alarmsWhenTheLastAlertEvaluationIsStale() {
        assertEquals(1, standard.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("TreatMissingData", "breaching"))))).size());
    }
}
