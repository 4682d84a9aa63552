package io.quantsinfra.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.quantsinfra.api.ApiHandler;
import java.time.Instant;

/**
 * One cold start of the API Lambda in this JVM: construct {@link ApiHandler} (which starts the Micronaut
 * context from the environment, as on Lambda), hand it one {@code GET /v1/status} event, print the status
 * code and exit. {@code cold-start.sh} times the process from outside; the phases printed on stderr are
 * a breakdown measured from {@code -Dbench.launchEpochNanos} (set by the script just before {@code java}).
 * "Answered at" matters beside the exit time: a JVM exiting while a thread sits in native code (here the
 * JDK HttpClient's selector, from the health probe) waits about 300 ms for it, which a Lambda, frozen
 * after answering, never pays.
 *
 * <p>Runs on a classpath of the Lambda jar plus this class's jar, nothing else:
 * {@snippet lang=sh :
 * java -cp quants-infra-api-lambda.jar:quants-infra-benchmarks-0.1.0-SNAPSHOT-cold-start.jar io.quantsinfra.benchmarks.coldstart.ApiColdStart
 * }
 */
public final class ApiColdStart {
    private ApiColdStart() {}

    public static void main(String[] args) {
        long entered = System.nanoTime();
        Instant enteredAt = Instant.now();
        String path = args.length > 0 ? args[0] : "/v1/status";
        StartupProfile.mark("main");
        ApiHandler handler = new ApiHandler();
        if (Boolean.getBoolean("bench.prime")) {
            handler.prime(); // what SnapStart's beforeCheckpoint runs; see docs/benchmarks.md
        }
        long constructed = System.nanoTime();
        StartupProfile.mark("constructed");
        APIGatewayV2HTTPResponse response = handler.handleRequest(StatusEvent.get(path, Instant.now()),
                new BenchmarkLambdaContext("00000000-0000-4000-8000-000000000001"));
        long answered = System.nanoTime();
        StartupProfile.mark("answered");
        System.out.println(response.getStatusCode());
        System.err.printf("phases: launch->main %s ms, handler constructed %d ms, first invocation %d ms, answered at %s ms%n",
                sinceLaunch(enteredAt), (constructed - entered) / 1_000_000, (answered - constructed) / 1_000_000,
                sinceLaunch(Instant.now()));
        if (response.getStatusCode() != 200) {
            System.err.println("unexpected response: " + response.getBody());
        }
        System.out.flush();
        // Halt rather than close the context: a Lambda sandbox is frozen, not shut down, after answering. Exit where a
        // recording must be written at exit (startup-samples.sh sets bench.exit).
        int code = response.getStatusCode() == 200 ? 0 : 1;
        if (Boolean.getBoolean("bench.exit")) {
            System.exit(code);
        }
        Runtime.getRuntime().halt(code);
    }

    /** Milliseconds from the launch time the script passed in to {@code at}, or "?" without it. */
    static String sinceLaunch(Instant at) {
        String launch = System.getProperty("bench.launchEpochNanos");
        if (launch == null) {
            return "?";
        }
        long atNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        return Long.toString((atNanos - Long.parseLong(launch)) / 1_000_000);
    }
}
