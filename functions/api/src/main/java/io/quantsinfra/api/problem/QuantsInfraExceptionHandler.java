package io.quantsinfra.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.quantsinfra.core.error.QuantsInfraException;
import jakarta.inject.Singleton;

/** Maps the project's one exception base to its HTTP status, once, for every controller. */
@Produces
@Singleton
final class QuantsInfraExceptionHandler implements ExceptionHandler<QuantsInfraException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> processor;

    QuantsInfraExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QuantsInfraExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, QuantsInfraException e) {
        if (e.kind().httpStatus() >= 500) {
            // AWS's side of a failure (its code and request id) for operators; messages never carry values.
            Throwable aws = e.getCause();
            LOG.warn("{} {} failed: {} {}", request.getMethodName(), request.getPath(), e.getMessage(),
                    aws instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a ? "(AWS request id "
                            + a.requestId() + ")" : "");
        }
        return processor.processResponse(ErrorContext.builder(request).cause(e).errorMessage(e.getMessage()).build(),
                HttpResponse.status(HttpStatus.valueOf(e.kind().httpStatus())));
    }
}
