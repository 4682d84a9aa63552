package io.quantsinfra.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
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

    /** Lambda's entry: builds the application context from the environment. */
    public ApiHandler() {
        super();
        this.metrics = getApplicationContext().findBean(FlushingCloudWatchMeterRegistry.class);
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

    /** On Lambda the environment decides whether metrics are on. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().properties(ApiMetrics.properties(AwsSettings.from(System.getenv())));
    }
}
