package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The scheduled jobs and the rotation function, as they will be once their handlers exist: synthesized in the
 * variant app with the API's handler standing in for the pending ones (only the handler name differs).
 */
class ScheduleTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.variant();
    private final Template template = app.template("ControlPlane");

    @Test
    void alertEvaluation_runsEveryMinute() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", aliasOf("AlertEvaluation"))))))));
    }

    @Test
    void healthProbe_runsEveryMinute() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", aliasOf("HealthProbe"))))))));
    }

    @Test
    void alertEvaluation_receivesItsJobAsInput() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", aliasOf("AlertEvaluation")),
                "Input", Match.serializedJson(Map.of("source", "quants-infra.schedule", "job", "alert-evaluation"))))))));
    }

    @Test
    void healthProbe_receivesItsJobAsInput() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", aliasOf("HealthProbe")),
                "Input", Match.serializedJson(Map.of("source", "quants-infra.schedule", "job", "health-probe"))))))));
    }

    @Test
    void missedRuns_areNotRetried() {
        int schedules = template.findResources("AWS::Events::Rule", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("ScheduleExpression", Match.anyValue()))))).size();
        int notRetried = template.findResources("AWS::Events::Rule", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "ScheduleExpression", Match.anyValue(),
                "Targets", List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 60))))))))).size();
        assertEquals(3, schedules);
        assertEquals(schedules, notRetried);
    }

    @Test
    void eventBridge_mayInvokeOnlyTheScheduledAliases_andTheJobEventsAlias() {
        // alert evaluation, health probe, job dispatch (schedules) and job events (the ECS task state change rule)
        assertEquals(4, TemplateWalk.resources(app, "AWS::Lambda::Permission").stream()
                .filter(p -> "events.amazonaws.com".equals(p.properties().get("Principal"))).count());
    }

    @Test
    void rotationFunction_isInvocableBySecretsManagerOfThisAccountOnly() {
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Principal", "secretsmanager.amazonaws.com",
                "Action", "lambda:InvokeFunction",
                "SourceAccount", Map.of("Ref", "AWS::AccountId"),
                "FunctionName", Map.of("Ref", aliasOf(ControlPlaneStack.Rotation.ID)))));
    }

    @Test
    void alertEvaluator_maySendOnlyFromTheAlertSender() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "SendAlertEmail",
                        "Condition", Map.of("StringEquals", Map.of("ses:FromAddress", "alerts@example.com")))))))))));
    }

    @Test
    void alertSender_isAnSesIdentity() {
        template.hasResourceProperties("AWS::SES::EmailIdentity", Map.of("EmailIdentity", "alerts@example.com"));
    }

    private String aliasOf(String job) {
        return template.findResources("AWS::Lambda::Alias").keySet().stream()
                .filter(id -> id.startsWith(job + "Function")).findFirst()
                .orElseThrow(() -> new AssertionError("no alias for " + job + " in " + template.findResources("AWS::Lambda::Alias").keySet()));
    }
}
