package io.quantsinfra.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.quantsinfra.api.RequestIds;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.QuantsInfraException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error the API returns, its own or Micronaut's (unknown route, unreadable body, wrong method), as
 * RFC 9457 {@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, plus {@code requestId} and, for invalid input, {@code errors} (every problem of the
 * request at once, each {@code {path, message}}; {@code path} is absent for the request as a whole) and, when
 * there is a single problem with a path, {@code field}.
 *
 * <p>Details never echo what the user sent (a body may hold a secret): conversion errors name the
 * argument, not the value, and 5xx details say only that something failed and the request id.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    public static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://quants-infra.dev/problems/";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        Throwable cause = context.getRootCause().orElse(null);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + slug(cause, status));
        problem.put("title", response.reason());
        problem.put("status", status);
        problem.put("detail", detail(context, cause, status));
        problem.put("instance", context.getRequest().getPath());
        problem.put("requestId", RequestIds.of(context.getRequest()));
        if (cause instanceof InvalidInputException invalid) {
            if (invalid.field() != null) {
                problem.put("field", invalid.field());
            }
            problem.put("errors", errors(invalid));
        }
        return problem;
    }

    private static List<Map<String, Object>> errors(InvalidInputException invalid) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (InvalidInputException.Problem p : invalid.problems()) {
            Map<String, Object> e = new LinkedHashMap<>();
            if (p.field() != null) {
                e.put("path", p.field());
            }
            e.put("message", p.message());
            out.add(e);
        }
        return out;
    }

    private static String slug(Throwable cause, int status) {
        if (cause instanceof QuantsInfraException q) {
            return q.kind().slug();
        }
        return switch (status) {
            case 400 -> "invalid-input";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406, 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }

    private static String detail(ErrorContext context, Throwable cause, int status) {
        if (cause instanceof QuantsInfraException q) {
            return q.getMessage();
        }
        if (cause instanceof ConversionErrorException c) {
            return "invalid value for '" + c.getArgument().getName() + "': expected " + c.getArgument().getType().getSimpleName();
        }
        if (status >= 500) {
            return "the control plane failed to handle this request; report request id " + RequestIds.of(context.getRequest());
        }
        if (cause != null && cause.getClass().getName().contains("Json") || cause instanceof io.micronaut.http.codec.CodecException) {
            return "the request body is not valid JSON of the expected shape";
        }
        if (status == 404) {
            return "no such endpoint: " + context.getRequest().getMethod() + " " + context.getRequest().getPath();
        }
        return context.getErrors().stream().map(Error::getMessage).findFirst()
                .map(ProblemBodyProvider::withoutValues).orElse("request refused");
    }

    /** Micronaut quotes offending values in brackets ("for value [x]"); drop them. */
    private static String withoutValues(String message) {
        return message.replaceAll("for value \\[[^\\]]*\\]", "").replaceAll("\\s+", " ").trim();
    }
}
