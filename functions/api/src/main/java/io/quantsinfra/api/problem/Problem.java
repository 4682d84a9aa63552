package io.quantsinfra.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem document, as every error of the API is answered ({@code application/problem+json}): the
 * schema the OpenAPI document names for every 4xx and 5xx. {@code field} and {@code errors} come with invalid
 * input only.
 *
 * {@snippet :
 * {"type": "https://quants-infra.dev/problems/not-found", "title": "Not Found", "status": 404,
 *  "detail": "unknown service 'x'", "instance": "/v1/services/x/history", "requestId": "3f0c…"}
 * }
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "https://quants-infra.dev/problems/<slug>: invalid-input, not-found, conflict, "
                + "deployment-failed, upstream-failure, timeout, forbidden, method-not-allowed, unsupported-media-type, "
                + "internal-error", example = "https://quants-infra.dev/problems/not-found") String type,
        @Schema(example = "Not Found") String title,
        @Schema(minimum = "400", maximum = "599", example = "404") int status,
        @Schema(description = "what went wrong, without the values the request sent") String detail,
        @Schema(description = "the request's path (absent when local mode's guard refuses)") @Nullable String instance,
        @Schema(description = "the request id, also in the logs (absent when local mode's guard refuses)") @Nullable String requestId,
        @Schema(description = "with invalid input that has one problem at one path: that path") @Nullable String field,
        @Schema(description = "with invalid input: every problem at once") @Nullable List<FieldError> errors) {

    /** One problem of an invalid request; {@code path} is absent for the request as a whole. */
    @Serdeable
    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "hosts[0]") @Nullable String path,
                             @Schema(example = "is not an availability zone or subnet id") String message) {}
}
