package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceState.Rollout;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/** The rollout state status reports (and the CLI waits on), read from recorded ECS responses. */
class EcsRolloutTest {
    private static RecordedEcs recorded;
    private static EcsClient ecs;

    @BeforeAll
    static void start() throws IOException {
        recorded = new RecordedEcs();
        ecs = EcsClient.builder().endpointOverride(recorded.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterAll
    static void stop() {
        ecs.close();
        recorded.close();
    }

    private static Service service(String scenario) {
        recorded.use(scenario);
        return ecs.describeServices(r -> r.cluster("quants-infra").services("x")).services().getFirst();
    }

    @Test
    void of_reportsFailedWithTheReason_whenTheCircuitBreakerRolledBack() {
        Rollout r = EcsRollout.of(service("rollback"));

        assertEquals("failed", r.state());
        assertTrue(r.reason().contains("circuit breaker"), r.reason());
    }

    @Test
    void of_reportsInProgress_whileANewDeploymentRollsOut() {
        assertEquals("in_progress", EcsRollout.of(service("rolling-out")).state());
    }

    @Test
    void of_reportsCompleted_forASteadyService() {
        assertEquals("completed", EcsRollout.of(service("healthy")).state());
    }
}
