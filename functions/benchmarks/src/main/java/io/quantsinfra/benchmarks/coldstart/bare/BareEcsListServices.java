package io.quantsinfra.benchmarks.coldstart.bare;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;

/**
 * The cold-start baseline: the least a Java Lambda needs to answer from ECS. One ECS client on the
 * url-connection HTTP client, one {@code ListServices} on the cluster, the HTTP status printed, exit.
 * Settings come from the same variables the API reads ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION},
 * {@code QUANTS_INFRA_CLUSTER}); credentials are the emulator's dummy ones, as the API uses on loopback.
 *
 * {@snippet lang=sh :
 * java -cp target/bare-sdk-ecs.jar io.quantsinfra.benchmarks.coldstart.bare.BareEcsListServices
 * }
 */
public final class BareEcsListServices {
    private BareEcsListServices() {}

    public static void main(String[] args) {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        String cluster = System.getenv().getOrDefault("QUANTS_INFRA_CLUSTER", "quants-infra");
        var builder = EcsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        int status;
        try (EcsClient ecs = builder.build()) {
            ListServicesResponse response = ecs.listServices(r -> r.cluster(cluster));
            status = response.sdkHttpResponse().statusCode();
        }
        System.out.println(status);
        System.out.flush();
        String launch = System.getProperty("bench.launchEpochNanos");
        if (launch != null) {
            java.time.Instant now = java.time.Instant.now();
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - Long.parseLong(launch);
            System.err.printf("phases: answered at %d ms%n", nanos / 1_000_000);
        }
        Runtime.getRuntime().halt(status == 200 ? 0 : 1);
    }
}
