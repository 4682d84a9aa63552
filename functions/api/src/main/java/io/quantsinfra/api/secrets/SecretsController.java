package io.quantsinfra.api.secrets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.Actors;
import io.quantsinfra.api.ApiPatterns;
import io.quantsinfra.api.RequestIds;
import io.quantsinfra.api.StrictScalars;
import io.quantsinfra.api.problem.ProblemResponses;
import io.quantsinfra.core.secret.SecretService;
import io.quantsinfra.core.secret.SecretValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets (seed 001's get/put/rotate, plus delete/restore). Values go in only in request bodies and come
 * out only from {@code reveal}, which is logged as an audit event without the value. Names may contain
 * slashes, so actions that take a name do so in the body.
 */
@Controller("/v1/secrets")
@Tag(name = "secrets")
@ProblemResponses.Common
final class SecretsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("quants-infra.audit");
    private final SecretService secrets;

    SecretsController(SecretService secrets) {
        this.secrets = secrets;
    }

    @Get
    @Operation(summary = "Every secret under the prefix: names, versions, which instances reference them; no values")
    Secrets list() {
        return new Secrets(secrets.list().stream().map(SecretView::of).toList());
    }

    @Get("/{name:(?!actions/).+}")
    @Operation(summary = "A secret's metadata: ARN, versions and stages, last change, JSON keys, referencing instances; no value")
    @ProblemResponses.NotFound
    SecretView get(@PathVariable @Schema(pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name) {
        return SecretView.of(secrets.get(name));
    }

    @Put("/{name:(?!actions/).+}")
    @Operation(summary = "Create a secret or add a new current version (value: a JSON object or a plain string)")
    @ProblemResponses.Conflict
    SecretView put(@PathVariable @Schema(pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name, @Body ValueBody body) {
        return SecretView.of(secrets.put(name, SecretService.required(body.value())));
    }

    @Delete("/{name:(?!actions/).+}")
    @Operation(summary = "Schedule deletion after recoveryDays (7..30, default 30), or delete at once with force=true")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    SecretView delete(@PathVariable @Schema(pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name,
                          @Nullable @QueryValue @Schema(minimum = "7", maximum = "30") Integer recoveryDays,
                          @Nullable @QueryValue @Schema(type = "boolean") String force) {
        return SecretView.of(secrets.delete(name, recoveryDays, Boolean.TRUE.equals(StrictScalars.flag(force, "force"))));
    }

    @Post("/actions/reveal")
    @Operation(summary = "The current value of a secret; every call is logged as an audit event (without the value)")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    Revealed reveal(@Body NameBody body, HttpRequest<?> request) {
        SecretValue value = secrets.reveal(body.name());
        AUDIT.info("secret revealed: name={} actor={} requestId={}", body.name(), Actors.of(request), RequestIds.of(request));
        return new Revealed(body.name(), value.reveal());
    }

    @Post("/actions/rotate")
    @Operation(summary = "Rotate: new value (given, or generated with length) as AWSPENDING, checked, promoted to "
            + "AWSCURRENT; instances referencing the secret get a new deployment")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    SecretView.Rotated rotate(@Body RotateBody body, HttpRequest<?> request) {
        return SecretView.Rotated.of(secrets.rotate(body.name(), secrets.newValue(body.value(), body.generate(), body.length()),
                Actors.of(request)));
    }

    @Post("/actions/revert")
    @Operation(summary = "Move AWSCURRENT back to an earlier version (after a failed rollout) and redeploy the consumers")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    SecretView.Rotated revert(@Body RevertBody body, HttpRequest<?> request) {
        return SecretView.Rotated.of(secrets.revert(body.name(), body.version(), Actors.of(request)));
    }

    @Post("/actions/settle")
    @Operation(summary = "Judge the rollout the last rotation started: COMPLETED, IN_PROGRESS, or REVERTED (a rollout "
            + "ECS rolled back: AWSCURRENT moved back to the previous version and the consumers redeployed); NONE when "
            + "no rotation waits. The scheduled health probe does the same every cycle")
    @ProblemResponses.NotFound
    SecretView.Settled settle(@Body NameBody body, HttpRequest<?> request) {
        return SecretView.Settled.of(secrets.settle(body.name(), Actors.of(request)));
    }

    @Post("/actions/restore")
    @Operation(summary = "Cancel a scheduled deletion")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    SecretView restore(@Body NameBody body) {
        return SecretView.of(secrets.restore(body.name()));
    }

    /** A value in a request body. */
    @Serdeable
    record ValueBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApiPatterns.SECRET_VALUE, maxLength = 65536) String value) {
        @Override
        public String toString() {
            return "ValueBody[value=<secret>]";
        }
    }

    /** A secret name in a request body. */
    @Serdeable
    record NameBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name) {}

    /** Body of rotate. */
    @Serdeable
    record RotateBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name, @Nullable @Schema(pattern = ApiPatterns.SECRET_VALUE, maxLength = 65536) String value,
                      @Nullable Boolean generate,
                      @Nullable @Schema(minimum = "16", maximum = "4096") Integer length) {
        @Override
        public String toString() {
            return "RotateBody[name=" + name + ", value=<secret>]";
        }
    }

    /** Body of revert. */
    @Serdeable
    record RevertBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApiPatterns.SECRET_NAME, maxLength = ApiPatterns.SECRET_NAME_MAX) String name,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1) String version) {}

    /** The reveal response: the only place a value leaves the API. */
    @Serdeable
    record Revealed(String name, String value) {
        @Override
        public String toString() {
            return "Revealed[name=" + name + ", value=<secret>]";
        }
    }

    /** Every secret under the prefix. */
    @Serdeable
    record Secrets(List<SecretView> secrets) {}
}
