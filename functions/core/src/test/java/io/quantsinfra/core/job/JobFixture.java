package io.quantsinfra.core.job;

import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.inmemory.InMemoryJobRunner;
import io.quantsinfra.core.inmemory.InMemoryJobStore;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.core.secret.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A queue over in-memory fakes with a clock the test moves. */
final class JobFixture {
    static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    /** A clock that stands still until moved. */
    static final class TestClock extends Clock {
        Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static final SecretResolver SECRETS = new SecretResolver() {
        @Override
        public String valueFrom(SecretRef ref) {
            if (ref.name().equals("missing")) {
                throw new io.quantsinfra.core.error.NotFoundException("no secret named missing");
            }
            return "arn:aws:secretsmanager:us-east-1:123456789012:secret:quants-infra/" + ref.name()
                    + (ref.jsonKey() == null ? "" : ":" + ref.jsonKey() + "::");
        }

        @Override
        public String generatedValueFrom(String name, int length) {
            throw new UnsupportedOperationException();
        }
    };

    final TestClock clock = new TestClock();
    final InMemoryJobStore store = new InMemoryJobStore();
    final InMemoryJobRunner runner = new InMemoryJobRunner();
    final JobSettings settings;
    final JobService service;
    final JobDispatcher dispatcher;
    final JobEvents events;

    JobFixture() {
        this(10);
    }

    JobFixture(int concurrency) {
        settings = JobSettings.defaults("/quants-infra/jobs", "us-east-1").withConcurrency(concurrency);
        service = new JobService(store, runner, SECRETS,
                new PlatformContext("/quants-infra", "fs-1234", null, "bucket", "us-east-1"), settings, clock);
        dispatcher = new JobDispatcher(store, runner, settings, clock);
        events = new JobEvents(store, runner, settings, clock);
    }

    JobFixture define(String name) {
        service.define(Map.of("name", name, "image", "python:3.12-slim", "command", List.of("python", "-c", "print(1)")));
        return this;
    }

    Job publish(Map<String, Object> job) {
        return service.publish(job).jobs().getFirst().job();
    }

    Job job(String id) {
        return service.get(id);
    }

    /** The task of the job's latest attempt exits with {@code code} after {@code ran}; the event is delivered. */
    EventResult exit(String id, int code, Duration ran) {
        Job j = job(id);
        int n = j.lastAttempt().orElseThrow().number();
        Instant start = clock.instant();
        clock.advance(ran);
        return events.onTaskStateChange(runner.finish(id, n, code, start, clock.instant()));
    }
}
