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
 *
 * <p>Built with {@link #shared}, each service's client is built once and closed by {@link #close()} (what the
 * handlers' wiring uses: a client costs milliseconds to build, and the adapters ask for one each); built with the
 * constructor, every call builds a new client that the caller closes.
 */
public final class AwsClients implements AutoCloseable {
    /** Connection and socket timeouts of the HTTP client, and the SDK's per-attempt and per-call timeouts. */
    public static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(5);
    public static final java.time.Duration SOCKET_TIMEOUT = java.time.Duration.ofSeconds(30);
    /** Inside API Gateway's 30 s: a slow AWS call becomes a 504 with a message, not a cut connection. */
    public static final java.time.Duration API_CALL_ATTEMPT_TIMEOUT = java.time.Duration.ofSeconds(10);
    public static final java.time.Duration API_CALL_TIMEOUT = java.time.Duration.ofSeconds(25);

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final List<ExecutionInterceptor> interceptors;
    /** Built clients by type when shared, else null. */
    private final java.util.Map<Class<?>, software.amazon.awssdk.core.SdkClient> shared;

    public AwsClients(AwsSettings settings) {
        this(settings, List.of());
    }

    /** Clients that also run {@code interceptors} on every call (e.g. an {@link AwsCallRecorder}). */
    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        this(settings, interceptors, false);
    }

    /** One client per service, built on first use and closed with this object. */
    public static AwsClients shared(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        return new AwsClients(settings, interceptors, true);
    }

    private AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors, boolean shared) {
        this.settings = settings;
        this.interceptors = List.copyOf(interceptors);
        this.shared = shared ? new java.util.LinkedHashMap<>() : null;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    /** Whether each service's client is built once ({@link #shared}). */
    public boolean isShared() {
        return shared != null;
    }

    public EcsClient ecs() {
        return client(EcsClient.class, () -> configure(EcsClient.builder()).httpClient(http).build());
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).httpClient(http).build());
    }

    public DynamoDbClient dynamoDb() {
        return client(DynamoDbClient.class, () -> configure(DynamoDbClient.builder()).httpClient(http).build());
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, () -> configure(SecretsManagerClient.builder()).httpClient(http).build());
    }

    /** CloudWatch metrics (query protocol at this SDK version, which the emulator speaks). */
    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).httpClient(http).build());
    }

    public SesClient ses() {
        return client(SesClient.class, () -> configure(SesClient.builder()).httpClient(http).build());
    }

    public S3Client s3() {
        return client(S3Client.class, () -> configure(S3Client.builder()).httpClient(http)
                .forcePathStyle(settings.endpoint() != null).build());
    }

    private <C extends software.amazon.awssdk.core.SdkClient> C client(Class<C> type, java.util.function.Supplier<C> build) {
        if (shared == null) {
            return build.get();
        }
        synchronized (shared) {
            return type.cast(shared.computeIfAbsent(type, t -> build.get()));
        }
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
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .apiCallTimeout(API_CALL_TIMEOUT)
                .build());
        return builder;
    }

    private static boolean isLoopback(java.net.URI uri) {
        String host = uri.getHost();
        return "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host) || "::1".equals(host);
    }

    @Override
    public void close() {
        if (shared != null) {
            synchronized (shared) {
                shared.values().forEach(software.amazon.awssdk.core.SdkClient::close);
                shared.clear();
            }
        }
        http.close();
    }
}
