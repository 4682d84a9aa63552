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
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.Actors;
import io.quantsinfra.api.RequestIds;
import io.quantsinfra.core.secret.RolloutReverts;
import io.quantsinfra.core.secret.SecretMetadata;
import io.quantsinfra.core.secret.SecretService;
import io.quantsinfra.core.secret.SecretValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets (seed 001's get/put/rotate, plus delete/restore). Values go in only in request bodies and come
 * out only from {@code reveal}, which is logged as an audit event without the value. Names may contain
 * slashes, so actions that take a name do so in the body.
 */
@Controller("/v1/secrets")
@Tag(name = "secrets")
@SerdeImport(SecretMetadata.class)
@SerdeImport(SecretMetadata.Version.class)
@SerdeImport(SecretService.Rotation.class)
@SerdeImport(RolloutReverts.Settlement.class)
final class SecretsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("quants-infra.audit");
    private final SecretService secrets;

    SecretsController(SecretService secrets) {
        this.secrets = secrets;
    }

    @Get
    @Operation(summary = "Every secret under the prefix: names, versions, which instances reference them; no values")
    Map<String, List<SecretMetadata>> list() {
        return Map.of("secrets", secrets.list());
    }

    @Get("/{+name}")
    @Operation(summary = "A secret's metadata: ARN, versions and stages, last change, JSON keys, referencing instances; no value")
    SecretMetadata get(@PathVariable String name) {
        return secrets.get(name);
    }

    @Put("/{+name}")
    @Operation(summary = "Create a secret or add a new current version (value: a JSON object or a plain string)")
    SecretMetadata put(@PathVariable String name, @Body ValueBody body) {
        return secrets.put(name, SecretService.required(body.value()));
    }

    @Delete("/{+name}")
    @Operation(summary = "Schedule deletion after recoveryDays (7..30, default 30), or delete at once with force=true")
    SecretMetadata delete(@PathVariable String name, @Nullable @QueryValue Integer recoveryDays,
                          @Nullable @QueryValue Boolean force) {
        return secrets.delete(name, recoveryDays, Boolean.TRUE.equals(force));
    }

    @Post("/actions/reveal")
    @Operation(summary = "The current value of a secret; every call is logged as an audit event (without the value)")
    Revealed reveal(@Body NameBody body, HttpRequest<?> request) {
        SecretValue value = secrets.reveal(body.name());
        AUDIT.info("secret revealed: name={} actor={} requestId={}", body.name(), Actors.of(request), RequestIds.of(request));
        return new Revealed(body.name(), value.reveal());
    }

    @Post("/actions/rotate")
    @Operation(summary = "Rotate: new value (given, or generated with length) as AWSPENDING, checked, promoted to "
            + "AWSCURRENT; instances referencing the secret get a new deployment")
    SecretService.Rotation rotate(@Body RotateBody body, HttpRequest<?> request) {
        return secrets.rotate(body.name(), secrets.newValue(body.value(), body.generate(), body.length()), Actors.of(request));
    }

    @Post("/actions/revert")
    @Operation(summary = "Move AWSCURRENT back to an earlier version (after a failed rollout) and redeploy the consumers")
    SecretService.Rotation revert(@Body RevertBody body, HttpRequest<?> request) {
        return secrets.revert(body.name(), body.version(), Actors.of(request));
    }

    @Post("/actions/settle")
    @Operation(summary = "Judge the rollout the last rotation started: COMPLETED, IN_PROGRESS, or REVERTED (a rollout "
            + "ECS rolled back: AWSCURRENT moved back to the previous version and the consumers redeployed); NONE when "
            + "no rotation waits. The scheduled health probe does the same every cycle")
    RolloutReverts.Settlement settle(@Body NameBody body, HttpRequest<?> request) {
        return secrets.settle(body.name(), Actors.of(request));
    }

    @Post("/actions/restore")
    @Operation(summary = "Cancel a scheduled deletion")
    SecretMetadata restore(@Body NameBody body) {
        return secrets.restore(body.name());
    }

    /** A value in a request body. */
    @Serdeable
    record ValueBody(String value) {
        @Override
        public String toString() {
            return "ValueBody[value=<secret>]";
        }
    }

    /** A secret name in a request body. */
    @Serdeable
    record NameBody(String name) {}

    /** Body of rotate. */
    @Serdeable
    record RotateBody(String name, String value, Boolean generate, Integer length) {
        @Override
        public String toString() {
            return "RotateBody[name=" + name + ", value=<secret>]";
        }
    }

    /** Body of revert. */
    @Serdeable
    record RevertBody(String name, String version) {}

    /** The reveal response: the only place a value leaves the API. */
    @Serdeable
    record Revealed(String name, String value) {
        @Override
        public String toString() {
            return "Revealed[name=" + name + ", value=<secret>]";
        }
    }
}
