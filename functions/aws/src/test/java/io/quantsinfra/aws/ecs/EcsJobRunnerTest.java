package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobLimits;
import io.quantsinfra.core.job.JobPriority;
import io.quantsinfra.core.job.JobRunner;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.core.job.TaskReport;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import io.quantsinfra.testing.emulator.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

@ExtendWith(AwsEmulatorExtension.class)
class EcsJobRunnerTest {
    private AwsClients clients;
    private EcsClient ecs;
    private EcsJobRunner runner;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        if (aws instanceof MotoServer moto) {
            // keep tasks where RunTask left them; DescribeTasks would otherwise walk them to STOPPED
            moto.setTransition("ecs::task", "{\"progression\":\"manual\",\"times\":1000000}");
        }
        ecs = clients.ecs();
        runner = new EcsJobRunner(ecs, clients.settings());
    }

    @AfterEach
    void close() {
        ecs.close();
        clients.close();
    }

    static TaskSpec spec() {
        TaskSpec.ContainerSpec c = new TaskSpec.ContainerSpec("job", "python:3.12-slim", true, List.of(), Map.of("MODE", "x"),
                List.of(), List.of("python", "-c", "print(1)"), null, 512, List.of(), List.of(), List.of(), null);
        return new TaskSpec("job-work", 256, 512, List.of(c), List.of(), "/quants-infra/jobs", "work",
                Map.of("managed-by", "quants-infra", "quants-infra:job-definition", "work"));
    }

    static Job job(String id) {
        Instant t = Instant.parse("2026-12-07T09:00:00Z");
        return new Job(id, "work", "{}", JobPriority.NORMAL, List.of(), Duration.ofMinutes(5), null, List.of(), List.of(), 0, 0,
                null, JobStatus.RUNNING, null, null, t, t, null, List.of(), 2);
    }

    @Test
    void register_writesAFargateTaskDefinitionLoggingToTheJobsGroup() {
        String arn = runner.register(spec());
        TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
        assertEquals("job-work", td.family());
        assertEquals(List.of("FARGATE"), td.requiresCompatibilitiesAsStrings());
        assertEquals("awsvpc", td.networkModeAsString());
        assertEquals("/quants-infra/jobs", td.containerDefinitions().getFirst().logConfiguration().options().get("awslogs-group"));
        assertEquals("work", td.containerDefinitions().getFirst().logConfiguration().options().get("awslogs-stream-prefix"));
    }

    @Test
    void run_startsATaskInTheConfiguredNetwork_startedByTheAttempt_withThePayload() {
        String td = runner.register(spec());
        Job j = job("0000000001aaaaaaaaaaaaaaaa");
        JobRunner.RunResult r = runner.run(td, j, 1, Map.of(JobLimits.PAYLOAD_VARIABLE, "{\"pair\":\"BTC/USDT\"}",
                JobLimits.JOB_ID_VARIABLE, j.id(), JobLimits.ATTEMPT_VARIABLE, "1"));
        String arn = assertInstanceOf(JobRunner.Started.class, r).taskArn();
        Task t = ecs.describeTasks(b -> b.cluster(clients.settings().cluster()).tasks(arn)).tasks().getFirst();
        assertEquals(Attempt.startedBy(j.id(), 1), t.startedBy());
        assertEquals(td, t.taskDefinitionArn());
        assertEquals("{\"pair\":\"BTC/USDT\"}", t.overrides().containerOverrides().getFirst().environment().stream()
                .filter(kv -> kv.name().equals(JobLimits.PAYLOAD_VARIABLE)).findFirst().orElseThrow().value());
        List<TaskReport> reports = runner.describe(List.of(arn));
        assertEquals(1, reports.size());
        assertEquals(new TaskReport.JobAttemptRef(j.id(), 1), reports.getFirst().attemptRef().orElseThrow());
    }

    @Test
    void stop_stopsTheTask_andDescribeReportsItStopped() {
        String td = runner.register(spec());
        String arn = ((JobRunner.Started) runner.run(td, job("0000000001aaaaaaaaaaaaaaaa"), 1, Map.of())).taskArn();
        runner.stop(arn, "quants-infra job timeout after 60 s");
        TaskReport report = runner.describe(List.of(arn)).getFirst();
        assertEquals("STOPPED", report.lastStatus());
        assertTrue(report.stopped());
        assertEquals("quants-infra job timeout after 60 s", report.stoppedReason());
    }

    @Test
    void describe_ofAnUnknownTask_reportsItMissing() {
        String unknown = "arn:aws:ecs:us-east-1:123456789012:task/quants-infra/0123456789abcdef0123456789abcdef";
        List<TaskReport> reports = runner.describe(List.of(unknown));
        assertEquals(List.of(new TaskReport(unknown, null, TaskReport.MISSING, null, null, null, null, null, null)), reports);
    }

    @Test
    void run_withOverridesOverRunTasksLimit_isRefusedWithoutACall() {
        String td = runner.register(spec());
        JobRunner.RunResult r = runner.run(td, job("0000000001aaaaaaaaaaaaaaaa"), 1,
                Map.of(JobLimits.PAYLOAD_VARIABLE, "\"".repeat(5000)));
        assertTrue(assertInstanceOf(JobRunner.Refused.class, r).reason().contains("8192"));
        assertEquals(List.of(), ecs.listTasks(b -> b.cluster(clients.settings().cluster())).taskArns());
    }
}
