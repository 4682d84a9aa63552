package io.quantsinfra.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.cdk.shared.SharedNames;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import io.quantsinfra.cdk.stacks.ObservabilityStack;
import io.quantsinfra.cdk.stacks.ScheduledJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The job queue's resources (issue 11), one fact each: the dispatcher's schedule and name, the ECS events rule, the
 * job roles' permissions, the API's invoke, the jobs log group and the stuck-pending alarm. Synthesized in the variant
 * app, where every handler is present (stand-ins).
 */
class JobsTemplateTest {
    private final SynthesizedApp app = SynthesizedApp.variant();
    private final Template controlPlane = app.template("ControlPlane");

    private String logicalId(String type, String prefix) {
        return controlPlane.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + prefix + "* in " + controlPlane.findResources(type).keySet()));
    }

    private List<TemplateWalk.Statement> statementsOf(String policyPrefix) {
        return TemplateWalk.statements(app).stream().filter(s -> s.owner().stack().equals("ControlPlane")
                && s.owner().logicalId().startsWith(policyPrefix)).toList();
    }

    @Test
    void dispatcher_runsEveryMinute_withItsJobAsInput() {
        controlPlane.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", logicalId("AWS::Lambda::Alias", ScheduledJob.JOB_DISPATCH + "Function")),
                        "Input", Match.serializedJson(Map.of("source", "quants-infra.schedule", "job", "job-dispatch"))))))));
    }

    @Test
    void dispatcher_hasTheFixedNameTheApiInvokes() {
        ControlPlaneStack stack = app.stacks().controlPlane();
        controlPlane.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", stack.jobDispatcherName())));
    }

    @Test
    void api_isToldTheDispatchersLiveAlias_byName() {
        ControlPlaneStack stack = app.stacks().controlPlane();
        controlPlane.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ControlPlaneStack.API_HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        io.quantsinfra.aws.AwsSettings.JOBS_DISPATCHER, stack.jobDispatcherName() + ":live"))))));
    }

    @Test
    void jobEventsRule_matchesOnlyTaskStateChangesOfJobTasksInTheCluster() {
        controlPlane.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("EventPattern", Map.of(
                "source", List.of("aws.ecs"),
                "detail-type", List.of("ECS Task State Change"),
                "detail", Map.of(
                        "clusterArn", List.of(Map.of("Fn::Join", Match.anyValue())),
                        "startedBy", List.of(Map.of("prefix", "job/")),
                        "lastStatus", List.of("RUNNING", "STOPPED"))))));
    }

    @Test
    void jobEventsRule_targetsTheEventsFunctionsAlias_withRetries() {
        controlPlane.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Targets", List.of(Match.objectLike(Map.of(
                "Arn", Map.of("Ref", logicalId("AWS::Lambda::Alias", ControlPlaneStack.JOB_EVENTS + "Function")),
                "RetryPolicy", Map.of("MaximumRetryAttempts", 10, "MaximumEventAgeInSeconds", 3600)))))));
    }

    @Test
    void dispatcher_mayRunOnlyJobTaskDefinitions_inTheCluster() {
        TemplateWalk.Statement run = statementsOf(ScheduledJob.JOB_DISPATCH + "Policy").stream()
                .filter(s -> s.actions().contains("ecs:RunTask")).findFirst().orElseThrow();
        assertEquals(List.of("ecs:RunTask"), run.actions());
        assertTrue(run.resources().toString().contains(":task-definition/job-*"), run.resources().toString());
        assertTrue(run.condition().toString().contains("ecs:cluster"), run.condition().toString());
    }

    @Test
    void dispatcher_passesExactlyTheTaskRoles_toEcsTasks() {
        TemplateWalk.Statement pass = statementsOf(ScheduledJob.JOB_DISPATCH + "Policy").stream()
                .filter(s -> s.actions().contains("iam:PassRole")).findFirst().orElseThrow();
        assertEquals(2, pass.resources().size(), pass.resources().toString());
        assertTrue(pass.resources().stream().noneMatch(r -> r.toString().contains("*")), pass.resources().toString());
        assertEquals(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")), pass.condition());
    }

    @Test
    void jobEventsFunction_callsNothingButTheStateTable() {
        List<String> actions = statementsOf(ControlPlaneStack.JOB_EVENTS + "Policy").stream()
                .flatMap(s -> s.actions().stream()).toList();
        assertTrue(actions.stream().allMatch(a -> a.startsWith("dynamodb:")), actions.toString());
    }

    @Test
    void api_mayInvokeOnlyTheDispatcher() {
        TemplateWalk.Statement invoke = TemplateWalk.statements(app).stream()
                .filter(s -> "InvokeJobDispatcher".equals(s.json().get("Sid"))).findFirst().orElseThrow();
        assertEquals(List.of("lambda:InvokeFunction"), invoke.actions());
        assertTrue(invoke.owner().logicalId().startsWith("ApiRole"), invoke.owner().toString());
        assertTrue(invoke.resources().toString().contains(ScheduledJob.JOB_DISPATCH), invoke.resources().toString());
    }

    @Test
    void jobsLogGroup_isCreatedUnderThePrefix() {
        app.template("Data").hasResourceProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of(
                "LogGroupName", SharedNames.logGroupPrefix() + "/jobs")));
    }

    @Test
    void jobsStuckPendingAlarm_watchesTheOldestReadyJobsAge() {
        app.template("Observability").hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", ControlPlaneMetrics.JOBS_OLDEST_READY,
                "Namespace", SharedNames.METRICS_NAMESPACE,
                "Threshold", ObservabilityStack.JOBS_STUCK_SECONDS,
                "ComparisonOperator", "GreaterThanThreshold")));
    }
}
