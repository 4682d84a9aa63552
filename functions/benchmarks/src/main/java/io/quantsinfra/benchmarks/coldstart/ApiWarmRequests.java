package io.quantsinfra.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.quantsinfra.api.ApiHandler;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import java.time.Instant;
import java.util.Arrays;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;

/**
 * Warm requests of the API Lambda: one handler (as the Lambda runtime builds it), {@code GET /v1/status} answered
 * {@code args[0]} times (default 1,000) after 200 untimed, each timed in this JVM; then the one AWS call that request
 * makes on an empty account (ECS {@code ListServices}) the same number of times through a client configured as the
 * API's. Prints p50, p90, p99 and max of both, and the difference of the medians: what the API adds over its AWS call.
 *
 * {@snippet lang=sh :
 * java -cp quants-infra-api-lambda.jar:quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar io.quantsinfra.benchmarks.coldstart.ApiWarmRequests 1000
 * }
 */
public final class ApiWarmRequests {
    private static final int WARMUP = 200;

    private ApiWarmRequests() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        if (n < 10 || n > 100_000) {
            throw new IllegalArgumentException("between 10 and 100,000 requests, got " + n);
        }
        ApiHandler handler = new ApiHandler();
        BenchmarkLambdaContext context = new BenchmarkLambdaContext("00000000-0000-4000-8000-000000000004");
        long[] api = new long[n];
        for (int i = -WARMUP; i < n; i++) {
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse r = handler.handleRequest(StatusEvent.get("/v1/status", Instant.now()), context);
            long t1 = System.nanoTime();
            if (r.getStatusCode() != 200) {
                throw new IllegalStateException("GET /v1/status answered " + r.getStatusCode() + ": " + r.getBody());
            }
            if (i >= 0) {
                api[i] = t1 - t0;
            }
        }
        AwsSettings settings = AwsSettings.from(System.getenv());
        long[] call = new long[n];
        try (AwsClients clients = new AwsClients(settings); EcsClient ecs = clients.ecs()) {
            for (int i = -WARMUP; i < n; i++) {
                long t0 = System.nanoTime();
                // The overload the paginator that status uses calls: the shrunk Lambda jar keeps only the SDK
                // methods the control plane reaches (docs/benchmarks.md, (i)), not listServices(Consumer).
                ecs.listServices(ListServicesRequest.builder().cluster(settings.cluster()).build());
                long t1 = System.nanoTime();
                if (i >= 0) {
                    call[i] = t1 - t0;
                }
            }
        }
        System.out.printf("warm GET /v1/status, %d requests after %d untimed: %s%n", n, WARMUP, summary(api));
        System.out.printf("its AWS call alone (ECS ListServices), same client settings: %s%n", summary(call));
        System.out.printf("the API's own time over its AWS call: p50 %.2f ms, p99 %.2f ms%n",
                (percentile(api, 50) - percentile(call, 50)) / 1e6, (percentile(api, 99) - percentile(call, 99)) / 1e6);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static String summary(long[] nanos) {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(nanos, 50) / 1e6,
                percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6, Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
