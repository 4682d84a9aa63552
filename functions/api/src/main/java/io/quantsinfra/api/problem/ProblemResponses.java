package io.quantsinfra.api.problem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem+json responses of the OpenAPI document, as annotations a controller (every operation) or a method
 * (one operation) carries, so the document names each status a route can answer with its {@link Problem} schema.
 *
 * {@snippet :
 * @Controller("/v1/things") @ProblemResponses.Common
 * final class ThingsController {
 *     @Get("/{id}") @ProblemResponses.NotFound Thing get(String id) { ... }
 * }
 * }
 */
public final class ProblemResponses {
    private ProblemResponses() {}

    /**
     * What any route can answer: 400 (unreadable or invalid request), 403 (local mode's Host/Origin guard), 502 (AWS
     * failed) and 504 (AWS did not answer in time).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "invalid request: every problem listed under errors",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "local mode only: the Host header or a cross-origin Origin is refused",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "502", description = "an AWS service failed; detail names it, the logs hold its request id",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "504", description = "an AWS service or a rollout did not answer in time",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Common {}

    /** 403 alone: local mode's Host/Origin guard, for a route that reads nothing from the request. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "403", description = "local mode only: the Host header or a cross-origin Origin is refused",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {}

    /** 404: the service, instance, secret, rule file, silence or target named does not exist. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "404", description = "what the request names does not exist",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {}

    /** 409: the change conflicts with the current state (a concurrent change, open trades, a deletion pending). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "409", description = "the change conflicts with the current state",
            content = @Content(mediaType = ProblemBodyProvider.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {}
}
