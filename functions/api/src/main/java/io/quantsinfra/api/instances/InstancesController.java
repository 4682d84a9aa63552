package io.quantsinfra.api.instances;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.Actors;
import io.quantsinfra.api.ApiPatterns;
import io.quantsinfra.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Schema;
import io.quantsinfra.core.deploy.InstanceState;
import io.quantsinfra.core.deploy.LifecycleService;
import io.quantsinfra.core.deploy.OperationResults.ActionResult;
import io.quantsinfra.core.logs.LogPage;
import io.quantsinfra.core.logs.LogRequest;
import io.quantsinfra.core.logs.LogSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;

/** Instances: logs and start/stop/restart. Status and health are in {@link StatusController}. */
@Controller("/v1/instances")
@Tag(name = "instances")
@ProblemResponses.Common
@ProblemResponses.NotFound
final class InstancesController {
    private final LifecycleService lifecycle;
    private final LogSource logs;
    private final Clock clock;

    InstancesController(LifecycleService lifecycle, LogSource logs, Clock clock) {
        this.lifecycle = lifecycle;
        this.logs = logs;
        this.clock = clock;
    }

    @Get("/{instance}/logs")
    @Operation(summary = "The last lines (default 100, at most 10000) of an instance's logs, merged across its tasks")
    LogsView logs(@PathVariable @Schema(pattern = ApiPatterns.INSTANCE) String instance,
                  @Nullable @QueryValue @Schema(minimum = "1", maximum = "10000") Integer lines,
                  @Nullable @QueryValue @Schema(pattern = ApiPatterns.SINCE, example = "15m") String since,
                  @Nullable @QueryValue String nextToken) {
        LogRequest req = LogRequest.parse(lines, since, clock);
        InstanceState state = lifecycle.instance(instance);
        LogPage page = logs.read(state.spec().logGroup(), state.spec().logStreamPrefix(), req.lines(), req.since(), nextToken);
        return new LogsView(state.id().toString(), page.events().stream()
                .map(e -> new LogsView.Line(e.timestamp().toString(), e.stream(), e.message())).toList(), page.nextToken());
    }

    @Post("/{instance}/actions")
    @Operation(summary = "start (desired count 1), stop (0) or restart (new deployment) an instance. A bot is asked "
            + "to stop new entries first; a live bot whose API cannot be reached is stopped only with force=true")
    @ProblemResponses.Conflict
    ActionResult act(@PathVariable @Schema(pattern = ApiPatterns.INSTANCE) String instance, @Body ActionBody body, HttpRequest<?> request) {
        return lifecycle.act(instance, body.action(), Actors.of(request),
                io.quantsinfra.core.bot.TradeSafety.of(Boolean.TRUE.equals(body.force()), false));
    }

    /** Body of the actions call. */
    @Serdeable
    record ActionBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"start", "stop", "restart"})
                      String action, @Nullable Boolean force) {}

    /** A page of log lines, oldest first, and the token for the lines after them. */
    @Serdeable
    record LogsView(String instance, List<Line> events, @Nullable String nextToken) {
        /** One log line. */
        @Serdeable
        record Line(@Schema(format = "date-time") String timestamp, String stream, String message) {}
    }
}
