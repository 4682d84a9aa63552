package io.quantsinfra.api.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import io.quantsinfra.api.Actors;
import io.quantsinfra.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.silence.Silence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;

/** Silences: add (matchers, duration, comment; the author is always the caller), list, expire. */
@Controller("/v1/alerts/silences")
@Tag(name = "alerts")
@ProblemResponses.Common
final class SilencesController {
    private final Alerting alerting;
    private final Clock clock;

    SilencesController(Alerting alerting, Clock clock) {
        this.alerting = alerting;
        this.clock = clock;
    }

    /** A new silence. {@code author}, if sent, must be the caller's own identity: it is recorded from the request. */
    @Serdeable
    record SilenceBody(@ArraySchema(minItems = 1, maxItems = 32, schema = @Schema(pattern = MATCHER,
                                example = "alertname=HighCpu")) List<String> matchers,
                       @Schema(pattern = SILENCE_DURATION, minLength = 1, description = "more than 0, at most 30d", example = "2h")
                       String duration,
                       @Schema(minLength = 1, maxLength = 500, pattern = "\\S", example = "planned maintenance") String comment,
                       @Nullable @Schema(description = "the caller's own identity, if sent") String author) {}

    /** A Prometheus duration without the bare 0 (a silence lasts more than 0). */
    static final String SILENCE_DURATION = "^([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$";

    /** A label matcher as {@code Matchers} reads it: a label name, an operator, a value. */
    static final String MATCHER = "^\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)";

    @Post
    @Operation(summary = "Add a silence: matchers like alertname=HighCpu, a duration like 2h, a comment; the author is the caller")
    SilenceView add(@Body SilenceBody body, HttpRequest<?> request) {
        return view(alerting.silences().addAs(Actors.of(request), body.author(), body.matchers(), body.duration(), body.comment()));
    }

    @Get
    @Operation(summary = "Every silence with its status (pending, active, expired), newest first")
    Silences list() {
        return new Silences(alerting.silences().list().stream().map(this::view).toList());
    }

    @Delete("/{id}")
    @Operation(summary = "Expire a silence now")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    SilenceView expire(@PathVariable String id) {
        return view(alerting.silences().expire(id));
    }

    private SilenceView view(Silence s) {
        return new SilenceView(s.id(), s.status(clock.instant()), s.matchers().stream().map(LabelMatcher::toString).toList(),
                s.startsAt().toString(), s.endsAt().toString(), s.createdBy(), s.comment());
    }

    /** The silences, newest first. */
    @Serdeable
    record Silences(List<SilenceView> silences) {}

    /** A silence and its status now. */
    @Serdeable
    record SilenceView(String id, @Schema(allowableValues = {"pending", "active", "expired"}) String status,
                       List<String> matchers, @Schema(format = "date-time") String startsAt,
                       @Schema(format = "date-time") String endsAt, String createdBy, String comment) {}
}
