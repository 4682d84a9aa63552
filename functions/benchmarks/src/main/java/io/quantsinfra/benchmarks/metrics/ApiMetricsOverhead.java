package io.quantsinfra.benchmarks.metrics;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.quantsinfra.api.ApiHandler;
import io.quantsinfra.api.telemetry.ApiMetrics;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.testing.emulator.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Metrics on vs off for one API request: the API Lambda handler invoked in this JVM for {@code GET /v1/status}
 * (one ListServices to moto) and for {@code GET /v1/services} (no AWS call), many times, in three variants run once
 * each per iteration in a shuffled order (so drift in the emulator or load on the machine hits all three alike, and
 * each iteration gives paired differences):
 * <ul>
 *   <li><b>off</b> — {@code QUANTS_INFRA_METRICS=false}: no metrics bean exists;</li>
 *   <li><b>record only</b> — metrics on, Micronaut's proxy function without the flush: the HTTP server filter and
 *       the timer; then the flush of what it recorded is timed on its own (<b>flush alone</b>);</li>
 *   <li><b>record + flush</b> — metrics on, {@link ApiHandler} as Lambda runs it: the request, then one
 *       PutMetricData before {@code handleRequest} returns.</li>
 * </ul>
 * Each variant has a context and a handler of its own, as on Lambda. Then, in process and without I/O, the
 * recording path alone: Micronaut's registry timer lookup, the meter filter and the record, as the HTTP filter does
 * it once per request. {@code -Dbench.harnessCheck=true} runs every variant with metrics off: what the harness
 * itself shows as a difference.
 *
 * {@snippet lang=sh :
 * java -DQUANTS_INFRA_LOG_LEVEL=WARN -cp "target/classes:$(cat target/benchmark-classpath.txt)" \
 *     io.quantsinfra.benchmarks.metrics.ApiMetricsOverhead 3000 500
 * }
 */
public final class ApiMetricsOverhead {
    private ApiMetricsOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        if (requests < 20 || requests > 100_000 || warmup < 0) {
            throw new IllegalArgumentException("usage: ApiMetricsOverhead [REQUESTS >= 20] [WARMUP]");
        }
        boolean harnessCheck = Boolean.getBoolean("bench.harnessCheck");
        Path work = Files.createTempDirectory("quants-infra-bench-metrics");
        try (MotoServer moto = MotoServer.start(0, Map.of(), work.resolve("moto.log"))) {
            AwsSettings account = LocalAccount.prepare(moto.endpoint(), List.of("freqtrade", "data-collector", "monitor"));
            AwsCallRecorder offCalls = new AwsCallRecorder();
            AwsCallRecorder recordCalls = new AwsCallRecorder();
            AwsCallRecorder fullCalls = new AwsCallRecorder();
            // One context and one handler per variant, as on Lambda, each serving the same number of requests: a
            // context that served more requests answered slower (micronaut-function-aws registered a bean per
            // invocation until api/wiring/NoLambdaContextBeans), which made the first versions of this harness lie.
            // -Dbench.harnessCheck=true measures what the harness makes of three identical contexts.
            try (ApplicationContext full = context(account, !harnessCheck, fullCalls);
                 ApplicationContext record = context(account, !harnessCheck, recordCalls);
                 ApplicationContext off = context(account, false, offCalls)) {
                System.out.println("Metrics overhead of one API request through the API Lambda handler, "
                        + moto.describe() + ", JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores; " + requests + " requests per variant after " + warmup + " warm-up, the variants in a shuffled"
                        + " order in every iteration" + (harnessCheck ? "; HARNESS CHECK: every variant with metrics off" : ""));
                Run run = new Run(new ApiHandler(off), new APIGatewayV2HTTPEventFunction(record), new ApiHandler(full),
                        record.findBean(FlushingCloudWatchMeterRegistry.class), List.of(offCalls, recordCalls, fullCalls));
                run.measure("/v1/status", "one ListServices to the emulator", requests, warmup);
                run.measure("/v1/services", "the catalogue, no AWS call", requests, warmup);
                if (!harnessCheck) {
                    recordingPath(record);
                }
            }
        }
    }

    private static ApplicationContext context(AwsSettings account, boolean metrics, AwsCallRecorder recorder) {
        Map<String, String> env = new HashMap<>(account.toEnvironment());
        env.put(AwsSettings.METRICS, Boolean.toString(metrics));
        env.put(AwsSettings.AWS_RETRIES, "0");
        return ApplicationContext.builder().singletons(new SettingsOverlay(env, List.of(recorder)))
                .properties(ApiMetrics.properties(AwsSettings.from(env))).start();
    }

    /** The three handlers, each alone on its context, and the record-only context's registry for the flush alone. */
    private record Run(ApiHandler offHandler, APIGatewayV2HTTPEventFunction recordOnly, ApiHandler fullHandler,
                       Optional<FlushingCloudWatchMeterRegistry> registry, List<AwsCallRecorder> calls) {

        void measure(String path, String what, int requests, int warmup) {
            Context lambda = new BenchContext();
            warmUp(path, what, warmup, lambda);
            long puts = 0;
            long[] offTimes = new long[requests];
            long[] recordTimes = new long[requests];
            long[] fullTimes = new long[requests];
            long[] flushTimes = new long[requests];
            // Each iteration runs the three variants once, in a shuffled order: load on the machine and the emulator's
            // pace hit them alike, and each iteration gives paired differences.
            Random order = new Random(42);
            List<Integer> variants = new ArrayList<>(List.of(0, 1, 2));
            for (int i = 0; i < requests; i++) {
                if (i % 100 == 0) {
                    // The recorders keep every request they see: count and forget, so none grows through the run.
                    puts += calls.get(2).calls().stream().filter(c -> c.operation().equals("PutMetricData")).count();
                    calls.forEach(AwsCallRecorder::clear);
                }
                Collections.shuffle(variants, order);
                for (int v : variants) {
                    switch (v) {
                        case 0 -> offTimes[i] = invoke(offHandler, path, lambda);
                        case 1 -> {
                            recordTimes[i] = invoke(recordOnly, path, lambda);
                            long t0 = System.nanoTime();
                            flush();
                            flushTimes[i] = System.nanoTime() - t0;
                        }
                        default -> fullTimes[i] = invoke(fullHandler, path, lambda);
                    }
                }
            }
            puts += calls.get(2).calls().stream().filter(c -> c.operation().equals("PutMetricData")).count();
            report(offTimes, recordTimes, fullTimes, flushTimes);
            System.out.printf("PutMetricData calls by the handler with metrics on: %d for %d requests%n", puts, requests);
        }

        /** The table: each variant's times, and its paired difference to metrics off. */
        private static void report(long[] offTimes, long[] recordTimes, long[] fullTimes, long[] flushTimes) {
            Stats o = Stats.of(offTimes);
            System.out.printf("%-32s %10s %9s %9s   %s%n", "variant", "median ms", "p90 ms", "mean ms",
                    "paired difference to off: median [95 % CI], % of off's median");
            row("metrics off", o, null, o);
            row("metrics on, record only", Stats.of(recordTimes), Paired.of(recordTimes, offTimes), o);
            row("metrics on, record + flush", Stats.of(fullTimes), Paired.of(fullTimes, offTimes), o);
            row("flush alone (1 PutMetricData)", Stats.of(flushTimes), null, o);
        }

        /** Warms every variant up, then prints the AWS calls one request makes with metrics off and on. */
        private void warmUp(String path, String what, int warmup, Context lambda) {
            for (int i = 0; i < warmup; i++) {
                invoke(offHandler, path, lambda);
                invoke(recordOnly, path, lambda);
                flush();
                invoke(fullHandler, path, lambda);
            }
            calls.forEach(AwsCallRecorder::clear);
            invoke(offHandler, path, lambda);
            invoke(fullHandler, path, lambda);
            System.out.println();
            System.out.println("GET " + path + " (" + what + ") — AWS calls of one request, off: " + operations(calls.get(0))
                    + "; on (handler): " + operations(calls.get(2)));
            calls.forEach(AwsCallRecorder::clear);
        }

        private void flush() {
            registry.ifPresent(FlushingCloudWatchMeterRegistry::flush);
        }

        private static List<String> operations(AwsCallRecorder calls) {
            return calls.calls().stream().map(AwsCallRecorder.Call::operation).toList();
        }
    }

    /** One invocation, timed: nanoseconds; fails on anything but 200. */
    private static long invoke(APIGatewayV2HTTPEventFunction handler, String path, Context lambda) {
        APIGatewayV2HTTPEvent event = Get.event(path);
        long t0 = System.nanoTime();
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, lambda);
        long t = System.nanoTime() - t0;
        if (r.getStatusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.getStatusCode() + ": " + r.getBody());
        }
        return t;
    }

    /**
     * What the HTTP filter adds to a request, without I/O: look the timer up through Micronaut's composite registry
     * (the meter filter maps and admits it) and record a duration, as {@code WebMetricsHelper} does once per request.
     */
    private static void recordingPath(ApplicationContext on) {
        MeterRegistry registry = on.getBean(MeterRegistry.class);
        FlushingCloudWatchMeterRegistry cloudWatch = on.getBean(FlushingCloudWatchMeterRegistry.class);
        int n = 200_000;
        int batch = 100;
        for (int round = 0; round < 5; round++) {
            long timed = 0;
            for (int i = 0; i < n; i += batch) {
                long t0 = System.nanoTime();
                for (int j = 0; j < batch; j++) {
                    Timer t = registry.timer("http.server.requests", "method", "GET", "status", "200", "uri", "/v1/status",
                            "exception", "none");
                    t.record(1000 + (j & 1023), TimeUnit.MICROSECONDS);
                }
                timed += System.nanoTime() - t0;
                cloudWatch.flush();   // untimed: keeps each interval as small as the per-request flush does
            }
            if (round == 4) {
                System.out.printf("Recording path alone, in process (timer lookup through Micronaut's registry, meter filter,"
                        + " record): %.2f µs per request (%d records after 4 warm-up rounds)%n", timed / 1000.0 / n, n);
            }
        }
    }

    private static void row(String name, Stats s, Paired d, Stats off) {
        String diff = d == null ? "" : String.format("%+.3f ms [%+.3f, %+.3f]  %+.1f %%", ms(d.median), ms(d.low), ms(d.high),
                100.0 * d.median / off.median);
        System.out.printf("%-32s %10.3f %9.3f %9.3f   %s%n", name, ms(s.median), ms(s.p90), ms(s.mean), diff);
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    /** Median, 90th percentile and mean, in nanoseconds. */
    private record Stats(double median, double p90, double mean) {
        static Stats of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Stats(s[s.length / 2], s[(int) Math.min(s.length - 1, Math.round(s.length * 0.9))],
                    Arrays.stream(s).average().orElse(0));
        }
    }

    /**
     * The median of the per-iteration differences {@code a[i] - b[i]}, with a distribution-free 95 % confidence
     * interval (the order statistics n/2 ± 0.98·√n), in nanoseconds.
     */
    private record Paired(double median, double low, double high) {
        static Paired of(long[] a, long[] b) {
            long[] d = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
            }
            Arrays.sort(d);
            int n = d.length;
            int k = (int) Math.ceil(0.98 * Math.sqrt(n));
            return new Paired(d[n / 2], d[Math.max(0, n / 2 - k)], d[Math.min(n - 1, n / 2 + k)]);
        }
    }

    /** A GET as API Gateway's HTTP API (payload 2.0, IAM authorization) delivers it. */
    private static final class Get {
        static APIGatewayV2HTTPEvent event(String path) {
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString("")
                    .withHeaders(Map.of("accept", "application/json", "host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
                            "user-agent", "quants-infra/0.1.0", "x-forwarded-proto", "https"))
                    .withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withAccountId("123456789012").withApiId("a1b2c3d4e5").withRequestId("bench")
                            .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                            .withAccountId("123456789012").withUserArn("arn:aws:iam::123456789012:user/quant-ops")
                                            .build()).build())
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod("GET").withPath(path).withProtocol("HTTP/1.1")
                                    .withSourceIp("198.51.100.7").withUserAgent("quants-infra/0.1.0").build())
                            .withStage("$default").withTimeEpoch(System.currentTimeMillis()).build())
                    .build();
        }
    }

    /** The Lambda context the runtime would pass. */
    private static final class BenchContext implements Context {
        @Override public String getAwsRequestId() { return "bench"; }
        @Override public String getLogGroupName() { return "/aws/lambda/quants-infra-api"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "quants-infra-api"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:quants-infra-api"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 29_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    }
}
