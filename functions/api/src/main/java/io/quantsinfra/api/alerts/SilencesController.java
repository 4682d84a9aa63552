package io.quantsinfra.api.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.quantsinfra.api.Actors;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.silence.Silence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Silences: add (matchers, duration, comment; the author is always the caller), list, expire. */
@Controller("/v1/alerts/silences")
@Tag(name = "alerts")
final class SilencesController {
    private final Alerting alerting;
    private final Clock clock;

    SilencesController(Alerting alerting, Clock clock) {
        this.alerting = alerting;
        this.clock = clock;
    }

    /** A new silence. {@code author}, if sent, must be the caller's own identity: it is recorded from the request. */
    @Serdeable
    record SilenceBody(List<String> matchers, String duration, String comment, String author) {}

    @Post
    @Operation(summary = "Add a silence: matchers like alertname=HighCpu, a duration like 2h, a comment; the author is the caller")
    Map<String, Object> add(@Body SilenceBody body, HttpRequest<?> request) {
        return view(alerting.silences().addAs(Actors.of(request), body.author(), body.matchers(), body.duration(), body.comment()));
    }

    @Get
    @Operation(summary = "Every silence with its status (pending, active, expired), newest first")
    Map<String, Object> list() {
        return Map.of("silences", alerting.silences().list().stream().map(this::view).toList());
    }

    @Delete("/{id}")
    @Operation(summary = "Expire a silence now")
    Map<String, Object> expire(@PathVariable String id) {
        return view(alerting.silences().expire(id));
    }

    private Map<String, Object> view(Silence s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("status", s.status(clock.instant()));
        out.put("matchers", s.matchers().stream().map(LabelMatcher::toString).toList());
        out.put("startsAt", s.startsAt().toString());
        out.put("endsAt", s.endsAt().toString());
        out.put("createdBy", s.createdBy());
        out.put("comment", s.comment());
        return out;
    }
}
