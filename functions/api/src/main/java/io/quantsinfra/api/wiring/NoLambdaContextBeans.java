package io.quantsinfra.api.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Keeps micronaut-function-aws (4.11) from registering every invocation's Lambda {@link Context} — and its logger,
 * client context and identity — as new singletons. Each registration stays for the life of the context, so a warm
 * container's bean lookups, and with them every request, slow down linearly and its memory grows: measured here,
 * {@code GET /v1/services} went from 0.7 ms to 6 ms per request over 16,000 requests. Nothing in quants-infra
 * injects those beans; the request's MDC values (request id, function name) are set apart from this and stay.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
final class NoLambdaContextBeans implements LambdaContextFactory {
    @Override
    public void registerSingletons(Context context) {
        // deliberately nothing
    }
}
