package io.quantsinfra.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Builds the SDK clients the adapters use: one url-connection HTTP client shared by all (small, quick to
 * start in a Lambda), the region and optional endpoint override from {@link AwsSettings}, retries as set
 * (0 in tests: the emulator's 500s are HTML and not worth retrying).
 */
public final class AwsClients implements AutoCloseable {
    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final List<ExecutionInterceptor> interceptors;

    public AwsClients(AwsSettings settings) {
        this(settings, List.of());
    }

    /** Clients that also run {@code interceptors} on every call (e.g. an {@link AwsCallRecorder}). */
    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.interceptors = List.copyOf(interceptors);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(5))
                .socketTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    public EcsClient ecs() {
        return configure(EcsClient.builder()).httpClient(http).build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder()).httpClient(http).build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(http).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).httpClient(http).build();
    }

    /** CloudWatch metrics (query protocol at this SDK version, which the emulator speaks). */
    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder()).httpClient(http).build();
    }

    public SesClient ses() {
        return configure(SesClient.builder()).httpClient(http).build();
    }

    public S3Client s3() {
        return configure(S3Client.builder()).httpClient(http)
                .forcePathStyle(settings.endpoint() != null).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(settings.region()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.endpoint() != null && isLoopback(settings.endpoint())) {
            // The emulator accepts any signature; real credentials must never be sent to it.
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(settings.retries() == 0 ? AwsRetryStrategy.doNotRetry()
                        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.retries() + 1).build())
                .executionInterceptors(interceptors)
                // Inside API Gateway's 30 s: a slow AWS call becomes a 504 with a message, not a cut connection.
                .apiCallAttemptTimeout(java.time.Duration.ofSeconds(10))
                .apiCallTimeout(java.time.Duration.ofSeconds(25))
                .build());
        return builder;
    }

    private static boolean isLoopback(java.net.URI uri) {
        String host = uri.getHost();
        return "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host) || "::1".equals(host);
    }

    @Override
    public void close() {
        http.close();
    }
}
