package io.quantsinfra.api.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.quantsinfra.api.jobs.DispatchTrigger;
import io.quantsinfra.api.jobs.JobLogs;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.aws.dynamodb.DynamoDbJobStore;
import io.quantsinfra.aws.ecs.EcsJobRunner;
import io.quantsinfra.aws.lambda.LambdaEventInvoker;
import io.quantsinfra.aws.logs.CloudWatchLogStreams;
import io.quantsinfra.core.job.JobDispatcher;
import io.quantsinfra.core.job.JobService;
import io.quantsinfra.core.job.JobSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The job queue's beans (issue 11): core's {@link JobService} over the DynamoDB store and the ECS runner, the
 * attempt log reader, and how the dispatcher is triggered after a publish — the dispatcher Lambda named by
 * {@value #DISPATCHER} on AWS, an in-process dispatcher in local mode (where that variable is unset).
 */
@Factory
final class JobBeans {
    /** The dispatcher Lambda's function name (set by the CDK stack); unset: dispatch in-process (local mode). */
    static final String DISPATCHER = AwsSettings.JOBS_DISPATCHER;
    /** The name the in-process dispatcher's AWS calls are recorded under (infra-cdk's IAM check): the dispatcher Lambda's. */
    static final String DISPATCH_FUNCTION = "job-dispatch";

    @Singleton
    JobSettings jobSettings(AwsSettings settings) {
        return settings.jobSettings();
    }

    @Singleton
    JobService jobService(io.quantsinfra.aws.AwsWiring wiring) {
        return wiring.jobService();
    }

    @Singleton
    JobLogs jobLogs(io.quantsinfra.aws.AwsWiring wiring, AwsSettings settings) {
        CloudWatchLogStreams streams = new CloudWatchLogStreams(wiring.clients().logs());
        return new JobLogs(settings.jobsLogGroup(), streams::tail);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Dispatching dispatching(AwsSettings settings, Optional<SettingsOverlay> overlay, JobSettings jobs, Clock clock) {
        SettingsOverlay o = overlay.orElse(SettingsOverlay.NONE);
        String function = o.apply(System.getenv()).get(DISPATCHER);
        if (function != null && !function.isBlank()) {
            if (!function.strip().matches("[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,128})?")) {
                throw new IllegalStateException(DISPATCHER + " must be a Lambda function name (optionally :alias), got '"
                        + function + "'");
            }
            LambdaEventInvoker invoker = LambdaEventInvoker.create(settings.region(), settings.endpoint());
            return new Dispatching(new DispatchTrigger.Lambda(invoker, function.strip()), invoker);
        }
        // Local mode: the dispatcher runs here, with clients of its own whose calls are the dispatcher Lambda's.
        AwsClients own = new AwsClients(settings, asDispatcher(o.interceptors()));
        EcsClient ecs = own.ecs();
        JobDispatcher dispatcher = new JobDispatcher(new DynamoDbJobStore(own.dynamoDb(), settings.table(),
                jobs.finishedRetention()), new EcsJobRunner(ecs, settings), jobs, clock);
        return new Dispatching(new DispatchTrigger.InProcess(dispatcher), () -> {
            ecs.close();
            own.close();
        });
    }

    @Singleton
    DispatchTrigger dispatchTrigger(Dispatching dispatching) {
        return dispatching.trigger();
    }

    /** The API's call log swapped for the dispatcher's; every other interceptor (a test's recorder) kept. */
    static List<ExecutionInterceptor> asDispatcher(List<ExecutionInterceptor> interceptors) {
        return interceptors.stream().map(i -> i instanceof FunctionCallLog log && log.function().equals("api")
                ? (ExecutionInterceptor) FunctionCallLog.always(DISPATCH_FUNCTION) : i).toList();
    }

    /** The trigger and what to close with the context. */
    record Dispatching(DispatchTrigger trigger, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }
}
