package io.quantsinfra.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;

/**
 * One cold start of a scheduled Lambda in this JVM: construct the handler {@code args[0]} names ({@code alerts}:
 * {@code AlertEvaluationHandler}, {@code probe}: {@code HealthProbeHandler}) with its no-argument constructor, as the
 * Lambda runtime does (settings from the environment), hand it one EventBridge scheduled event, print 200 once it
 * returned and halt. {@code scheduled-cold-start.sh} times the process from outside; the phases on stderr are measured
 * from {@code -Dbench.launchEpochNanos}.
 *
 * {@snippet lang=sh :
 * java -cp quants-infra-scheduled-lambda.jar:quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar io.quantsinfra.benchmarks.coldstart.ScheduledColdStart probe
 * }
 */
public final class ScheduledColdStart {
    private ScheduledColdStart() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        long entered = System.nanoTime();
        Instant enteredAt = Instant.now();
        String which = args.length > 0 ? args[0] : "probe";
        String type = switch (which) {
            case "alerts" -> "io.quantsinfra.scheduled.AlertEvaluationHandler";
            case "probe" -> "io.quantsinfra.scheduled.HealthProbeHandler";
            default -> throw new IllegalArgumentException("alerts or probe, got " + which);
        };
        @SuppressWarnings("unchecked")
        RequestHandler<Map<String, Object>, Map<String, Object>> handler =
                (RequestHandler<Map<String, Object>, Map<String, Object>>) Class.forName(type).getConstructor().newInstance();
        long constructed = System.nanoTime();
        Map<String, Object> event = Map.of("version", "0", "id", "00000000-0000-4000-8000-000000000002",
                "detail-type", "Scheduled Event", "source", "aws.events", "time", Instant.now().toString(),
                "resources", java.util.List.of("arn:aws:events:us-east-1:123456789012:rule/quants-infra-" + which),
                "detail", Map.of());
        Map<String, Object> out = handler.handleRequest(event, new BenchmarkLambdaContext("00000000-0000-4000-8000-000000000003"));
        long answered = System.nanoTime();
        System.out.println(out != null ? "200" : "500");
        System.err.printf("phases: launch->main %s ms, handler constructed %d ms, first invocation %d ms, answered at %s ms%n",
                ApiColdStart.sinceLaunch(enteredAt), (constructed - entered) / 1_000_000, (answered - constructed) / 1_000_000,
                ApiColdStart.sinceLaunch(Instant.now()));
        System.out.flush();
        Runtime.getRuntime().halt(out != null ? 0 : 1);
    }
}
