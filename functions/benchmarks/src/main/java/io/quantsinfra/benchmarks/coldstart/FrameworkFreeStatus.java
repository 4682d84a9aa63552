package io.quantsinfra.benchmarks.coldstart;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsWiring;
import io.quantsinfra.core.json.Json;
import io.quantsinfra.core.status.InstanceStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bound, not a handler: the status document built the way the API builds it ({@link AwsWiring#status()}, the same
 * AWS calls) but with no Micronaut at all — no context, no router, no serde; the core's JSON writer. What a cold
 * path that skipped the framework could reach at best. Run as the "before" variant of {@code cold-start.sh}, on the
 * Lambda jar, interleaved with the API handler and the bare handler (docs/benchmarks.md, section (k)):
 * {@snippet lang=sh :
 * COLD_START_BEFORE_JAR=functions/api/target/quants-infra-api-lambda.jar \
 *   COLD_START_BEFORE_MAIN=io.quantsinfra.benchmarks.coldstart.FrameworkFreeStatus SKIP_BUILD=1 functions/benchmarks/cold-start.sh 5
 * }
 */
public final class FrameworkFreeStatus {
    private FrameworkFreeStatus() {}

    public static void main(String[] args) {
        long entered = System.nanoTime();
        Instant enteredAt = Instant.now();
        AwsWiring wiring = AwsWiring.builder(AwsSettings.from(System.getenv())).build();
        long constructed = System.nanoTime();
        List<InstanceStatus> instances = wiring.status().status(null);
        String body = Json.write(Map.of("instances", instances.stream().map(FrameworkFreeStatus::view).toList()));
        long answered = System.nanoTime();
        System.out.println(body.startsWith("{\"instances\":[") ? 200 : 500);
        System.err.printf("phases: launch->main %s ms, handler constructed %d ms, first invocation %d ms, answered at %s ms%n",
                ApiColdStart.sinceLaunch(enteredAt), (constructed - entered) / 1_000_000, (answered - constructed) / 1_000_000,
                ApiColdStart.sinceLaunch(Instant.now()));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Map<String, Object> view(InstanceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", s.instance());
        m.put("service", s.service());
        m.put("health", s.health());
        m.put("desired", s.desired());
        m.put("running", s.running());
        m.put("pending", s.pending());
        m.put("taskDefinition", s.taskDefinition());
        m.put("revision", s.revision());
        m.put("host", s.host());
        m.put("rollout", s.rollout());
        m.put("rolloutReason", s.rolloutReason());
        m.put("message", s.message());
        return m;
    }
}
