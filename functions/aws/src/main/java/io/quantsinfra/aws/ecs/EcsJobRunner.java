package io.quantsinfra.aws.ecs;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobRunner;
import io.quantsinfra.core.job.TaskReport;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The {@link JobRunner} on ECS Fargate: RegisterTaskDefinition for definitions, RunTask in the configured subnets
 * and security groups (client token and startedBy per attempt), StopTask, DescribeTasks.
 */
public final class EcsJobRunner implements JobRunner {
    private final EcsClient ecs;
    private final AwsSettings settings;
    private final TaskDefinitionMapper mapper;

    public EcsJobRunner(EcsClient ecs, AwsSettings settings) {
        this.ecs = ecs;
        this.settings = settings;
        this.mapper = new TaskDefinitionMapper(settings.region(), settings.executionRoleArn(), settings.taskRoleArn());
    }

    @Override
    public String register(TaskSpec spec) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public RunResult run(String taskDefinitionArn, Job job, int attempt, Map<String, String> environment) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void stop(String taskArn, String reason) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public List<TaskReport> describe(Collection<String> taskArns) {
        throw new UnsupportedOperationException("in progress");
    }
}
