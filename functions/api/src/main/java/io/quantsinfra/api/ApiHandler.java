package io.quantsinfra.api;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The Lambda handler behind API Gateway (HTTP API, payload format 2.0): Micronaut's proxy function, which
 * routes each event to the controllers of this module. Local mode serves the same handler over HTTP.
 *
 * <p>Handler string: {@code io.quantsinfra.api.ApiHandler::handleRequest}.
 */
public final class ApiHandler extends APIGatewayV2HTTPEventFunction {
    /** Lambda's entry: builds the application context from the environment. */
    public ApiHandler() {
        super();
    }

    /** Serves an already started context (local mode, tests). */
    public ApiHandler(io.micronaut.context.ApplicationContext context) {
        super(context);
    }
}
