package io.quantsinfra.api.services;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.quantsinfra.api.Actors;
import io.quantsinfra.core.catalog.PreparedConfig;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.schema.Warning;
import io.quantsinfra.core.bot.TradeSafety;
import io.quantsinfra.core.deploy.DeployRequest;
import io.quantsinfra.core.deploy.DeployResult;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.deploy.OperationResults.DestroyResult;
import io.quantsinfra.core.deploy.OperationResults.ScaleResult;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.history.DeploymentRecord;
import io.quantsinfra.core.history.StateStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** Services: the catalogue, deploy, scale, destroy and deployment history. */
@Controller("/v1/services")
@Tag(name = "services")
final class ServicesController {
    private final LifecycleService lifecycle;
    private final ServiceCatalog catalog;
    private final StateStore state;

    ServicesController(LifecycleService lifecycle, ServiceCatalog catalog, StateStore state) {
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.state = state;
    }

    @Get
    @Operation(summary = "The services quants-infra can deploy")
    Map<String, Object> catalogue() {
        return Map.of("services", catalog.all().stream().map(t -> Map.of(
                "name", t.name(), "defaultImage", t.defaultImage(), "defaultPort", t.defaultPort())).toList());
    }

    @Post("/{service}/deploy")
    @Operation(summary = "Deploy a service: one instance per host; unchanged config changes nothing")
    DeployResponse deploy(@PathVariable String service, @Body DeployBody body, HttpRequest<?> request) {
        DeployBody.OverridesBody o = body.overrides();
        PreparedConfig prepared = catalog.get(service).prepare(body.config(), body.strategy());
        DeployResult result = lifecycle.deploy(new DeployRequest(service, body.hosts(), prepared.document(),
                o == null ? Overrides.NONE : new Overrides(o.image(), o.cpu(), o.memory(), o.port()),
                Boolean.TRUE.equals(body.dryRun()), Boolean.TRUE.equals(body.confirmLive()),
                Boolean.TRUE.equals(body.storeSecrets()), Actors.of(request),
                TradeSafety.of(Boolean.TRUE.equals(body.force()), false)));
        return DeployResponse.of(result, prepared.warnings());
    }

    @Post("/{service}/scale")
    @Operation(summary = "Scale a service to count instances (0..50): adds the lowest free indexes, removes the highest "
            + "first. A live bot with open trades is not removed (409 listing them) unless forceExit (exit them first) "
            + "or force (leave them open)")
    ScaleResult scale(@PathVariable String service, @Body ScaleBody body, HttpRequest<?> request) {
        return lifecycle.scale(service, body.count(), Actors.of(request),
                TradeSafety.of(Boolean.TRUE.equals(body.force()), Boolean.TRUE.equals(body.forceExit())));
    }

    @Delete("/{service}")
    @Operation(summary = "Destroy every instance of a service; needs confirm=<service>. Log groups and secrets are kept. "
            + "A live bot with open trades is not destroyed (409 listing them) unless forceExit=true (exit them first) "
            + "or force=true (leave them open)")
    DestroyResult destroy(@PathVariable String service, @Nullable @QueryValue String confirm,
                          @Nullable @QueryValue Boolean force, @Nullable @QueryValue Boolean forceExit,
                          HttpRequest<?> request) {
        return lifecycle.destroy(service, confirm, Actors.of(request),
                TradeSafety.of(Boolean.TRUE.equals(force), Boolean.TRUE.equals(forceExit)));
    }

    @Get("/{service}/history")
    @Operation(summary = "Deployment history of a service, newest first")
    Map<String, List<HistoryView>> history(@PathVariable String service, @Nullable @QueryValue Integer limit) {
        int n = io.quantsinfra.core.history.HistoryLimit.of(limit);
        String name = catalog.get(service).name();
        return Map.of("deployments", state.history(name, n).stream().map(HistoryView::of).toList());
    }

    /**
     * What a deploy did, and what the user should know about the config: keys passed through unchecked,
     * values quants-infra overrode ({@code warnings}, each {@code {field, message}}).
     */
    @io.micronaut.serde.annotation.Serdeable
    record DeployResponse(String service, boolean dryRun, String result, String deploymentId,
                          List<DeployResult.InstancePlan> instances, List<DeployResult.StoredSecret> storedSecrets,
                          List<Warning> warnings) {
        static DeployResponse of(DeployResult r, List<Warning> warnings) {
            return new DeployResponse(r.service(), r.dryRun(), r.result(), r.deploymentId(), r.instances(),
                    r.storedSecrets(), warnings);
        }
    }

    /** Body of the scale call. */
    @io.micronaut.serde.annotation.Serdeable
    record ScaleBody(Integer count, Boolean force, Boolean forceExit) {}

    /** A history entry with its time as ISO-8601. */
    @io.micronaut.serde.annotation.Serdeable
    record HistoryView(String id, String service, String actor, String at, String action, String result,
                       List<String> instances, List<String> changes, List<io.quantsinfra.core.bot.BotStop> botStops) {
        static HistoryView of(DeploymentRecord r) {
            return new HistoryView(r.id(), r.service(), r.actor(), r.at().toString(), r.action(), r.result(),
                    r.instances(), r.changes(), r.botStops());
        }
    }
}
