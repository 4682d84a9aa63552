package io.quantsinfra.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.quantsinfra.api.telemetry.ApiMetrics;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import java.util.Optional;

/**
 * The Lambda handler behind API Gateway (HTTP API, payload format 2.0): Micronaut's proxy function, which
 * routes each event to the controllers of this module. Local mode serves the same handler over HTTP.
 * With metrics on ({@code QUANTS_INFRA_METRICS=true}), what the request recorded is published to CloudWatch
 * before the invocation returns: a frozen or reaped container has nothing left to lose.
 *
 * <p>Handler string: {@code io.quantsinfra.api.ApiHandler::handleRequest}.
 */
public final class ApiHandler extends APIGatewayV2HTTPEventFunction {
    /** The registry to flush; absent with metrics off. Built during init, so a SnapStart snapshot holds it. */
    private final Optional<FlushingCloudWatchMeterRegistry> metrics;

    /** Lambda's entry: builds the application context from the environment; primes it before a SnapStart snapshot. */
    public ApiHandler() {
        super();
        this.metrics = getApplicationContext().findBean(FlushingCloudWatchMeterRegistry.class);
        SnapStartPriming.register(this);
    }

    /** Serves an already started context (local mode, tests); its builder chose metrics on or off. */
    public ApiHandler(ApplicationContext context) {
        super(context);
        this.metrics = context.findBean(FlushingCloudWatchMeterRegistry.class);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return super.handleRequest(event, context);
        } finally {
            metrics.ifPresent(FlushingCloudWatchMeterRegistry::flush);
        }
    }

    /**
     * Warms what the first request uses without calling AWS (see {@link SnapStartPriming}): what SnapStart's
     * {@code beforeCheckpoint} runs; public for the benchmarks, which measure it where no checkpoint can be taken.
     */
    public void prime() {
        SnapStartPriming.prime(this);
    }

    /** One request through Micronaut without publishing metrics (priming must make no AWS call). */
    void handleWithoutFlush(APIGatewayV2HTTPEvent event, Context context) {
        super.handleRequest(event, context);
    }

    /**
     * Forgets the meters recorded so far (priming's request is not traffic): cleared in Micronaut's primary registry,
     * which removes them from the CloudWatch registry under it too.
     */
    void dropRecordedMeters() {
        if (metrics.isPresent()) {
            getApplicationContext().findBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .ifPresent(io.micrometer.core.instrument.MeterRegistry::clear);
        }
    }

    /**
     * On Lambda the environment decides whether metrics are on. Singletons are created when first needed, not all at
     * start as Micronaut's Lambda builder sets it: a request builds only the beans its route uses (under SnapStart,
     * {@code SnapStartPriming} builds the first request's beans before the snapshot). See docs/benchmarks.md.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        // LambdaApplicationContextBuilder's environments without its eager init (which a builder cannot switch off)
        return ApplicationContext.builder().environments(Environment.FUNCTION, "lambda")
                .properties(ApiMetrics.properties(AwsSettings.from(System.getenv())));
    }
}
