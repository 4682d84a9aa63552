package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobRunner;
import io.quantsinfra.core.job.TaskReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * The {@link JobRunner} on ECS Fargate: RegisterTaskDefinition for definitions (through the same mapper as
 * services), RunTask in the configured subnets and security groups with the attempt's client token (so a repeated
 * RunTask for one attempt returns the task it started, for up to ECS's idempotency window) and {@code startedBy}
 * (how an ECS event finds its attempt), tagged {@code quants-infra:job}, {@code quants-infra:job-attempt},
 * {@code quants-infra:job-definition} and {@code managed-by}; StopTask; DescribeTasks.
 *
 * {@snippet :
 * JobRunner runner = new EcsJobRunner(clients.ecs(), settings);
 * }
 */
public final class EcsJobRunner implements JobRunner {
    /** RunTask's limit on the JSON of {@code overrides}. */
    static final int MAX_OVERRIDES_BYTES = 8192;
    private final EcsClient ecs;
    private final AwsSettings settings;
    private final TaskDefinitionMapper mapper;

    public EcsJobRunner(EcsClient ecs, AwsSettings settings) {
        this.ecs = ecs;
        this.settings = settings;
        // Jobs run under the shared task role (the dispatcher may pass only it and the execution role).
        this.mapper = new TaskDefinitionMapper(settings.region(), settings.executionRoleArn(), service -> settings.taskRoleArn());
    }

    @Override
    public String register(TaskSpec spec) {
        return AwsErrors.call("register task definition " + spec.family(),
                () -> ecs.registerTaskDefinition(mapper.toRequest(spec)).taskDefinition().taskDefinitionArn());
    }

    @Override
    public RunResult run(String taskDefinitionArn, Job job, int attempt, Map<String, String> environment) {
        List<KeyValuePair> env = environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        int bytes = environment.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + jsonBytes(e.getValue()) + 30).sum() + 60;
        if (bytes > MAX_OVERRIDES_BYTES) {
            return new Refused("the job's overrides are " + bytes + " bytes; RunTask accepts at most " + MAX_OVERRIDES_BYTES);
        }
        RunTaskResponse r = AwsErrors.call("run a task for job " + job.id(), () -> ecs.runTask(b -> b
                .cluster(settings.cluster())
                .taskDefinition(taskDefinitionArn)
                .launchType(LaunchType.FARGATE)
                .count(1)
                .clientToken(Attempt.clientToken(job.id(), attempt))
                .startedBy(Attempt.startedBy(job.id(), attempt))
                .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                        .subnets(settings.subnets()).securityGroups(settings.securityGroups())
                        .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
                        .build()).build())
                .overrides(TaskOverride.builder().containerOverrides(ContainerOverride.builder()
                        .name(JobDefinition.CONTAINER).environment(env).build()).build())
                .tags(Tag.builder().key("managed-by").value("quants-infra").build(),
                        Tag.builder().key("quants-infra:job").value(job.id()).build(),
                        Tag.builder().key("quants-infra:job-attempt").value(Integer.toString(attempt)).build(),
                        Tag.builder().key("quants-infra:job-definition").value(job.definition()).build())));
        if (!r.tasks().isEmpty()) {
            return new Started(r.tasks().getFirst().taskArn());
        }
        String why = r.failures().stream().map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                .reduce((a, b) -> a + "; " + b).orElse("ECS started no task and gave no reason");
        return new Refused(why);
    }

    @Override
    public java.util.Optional<String> find(String jobId, int attempt) {
        String by = Attempt.startedBy(jobId, attempt);
        for (software.amazon.awssdk.services.ecs.model.DesiredStatus desired : List.of(
                software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING,
                software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)) {
            List<String> arns = AwsErrors.call("list the tasks of job " + jobId, () -> ecs.listTasks(b -> b
                    .cluster(settings.cluster()).startedBy(by).desiredStatus(desired)).taskArns());
            if (!arns.isEmpty()) {
                return java.util.Optional.of(arns.getFirst());
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void stop(String taskArn, String reason) {
        String why = reason == null ? "stopped by quants-infra" : reason.length() > 255 ? reason.substring(0, 254) + "…" : reason;
        try {
            AwsErrors.call("stop task " + taskArn, () -> ecs.stopTask(b -> b.cluster(settings.cluster()).task(taskArn).reason(why)));
        } catch (io.quantsinfra.core.error.UpstreamException e) {
            // A task ECS no longer knows is stopped already; anything else is a real failure.
            if (!(e.getCause() instanceof software.amazon.awssdk.services.ecs.model.InvalidParameterException)) {
                throw e;
            }
        }
    }

    @Override
    public List<TaskReport> describe(Collection<String> taskArns) {
        List<String> arns = List.copyOf(taskArns);
        List<TaskReport> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            DescribeTasksResponse r = AwsErrors.call("describe job tasks", () -> ecs.describeTasks(b -> b
                    .cluster(settings.cluster()).tasks(batch)));
            java.util.Set<String> answered = new java.util.HashSet<>();
            r.tasks().forEach(t -> {
                out.add(report(t));
                answered.add(t.taskArn());
            });
            for (Failure f : r.failures()) {
                answered.add(f.arn());
                if ("MISSING".equals(f.reason())) {
                    out.add(new TaskReport(f.arn(), null, TaskReport.MISSING, null, null, null, null, null, null));
                }
            }
            // ECS names a task it no longer knows in failures (MISSING); the emulator leaves it out: same meaning.
            batch.stream().filter(a -> !answered.contains(a))
                    .forEach(a -> out.add(new TaskReport(a, null, TaskReport.MISSING, null, null, null, null, null, null)));
        }
        return out;
    }

    static TaskReport report(Task t) {
        Integer exit = null;
        String reason = null;
        for (Container c : t.containers()) {
            if (JobDefinition.CONTAINER.equals(c.name())) {
                exit = c.exitCode();
                reason = c.reason();
            }
        }
        return new TaskReport(t.taskArn(), t.startedBy(), t.lastStatus(), t.stopCodeAsString(), t.stoppedReason(), exit, reason,
                t.startedAt(), t.stoppedAt());
    }

    private static int utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Bytes of {@code s} as a JSON string: escaped quotes and backslashes double, control characters take six. */
    private static int jsonBytes(String s) {
        int n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
