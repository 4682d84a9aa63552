package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.inmemory.InMemoryJobRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchTest {

    @Test
    void dispatch_startsHighestPriorityFirstThenOldest_upToConcurrency() {
        JobFixture f = new JobFixture(2).define("work");
        Job low = f.publish(Map.of("name", "work", "priority", "LOW"));
        f.clock.advance(Duration.ofSeconds(1));
        Job normal1 = f.publish(Map.of("name", "work"));
        f.clock.advance(Duration.ofSeconds(1));
        Job normal2 = f.publish(Map.of("name", "work"));
        f.clock.advance(Duration.ofSeconds(1));
        Job urgent = f.publish(Map.of("name", "work", "priority", "URGENT"));
        DispatchReport r = f.dispatcher.dispatch();
        assertEquals(List.of(urgent.id(), normal1.id()), r.started());
        assertEquals(2, r.running());
        assertEquals(List.of(), f.dispatcher.dispatch().started());
        f.exit(urgent.id(), 0, Duration.ofSeconds(3));
        assertEquals(List.of(normal2.id()), f.dispatcher.dispatch().started());
        assertEquals(JobStatus.PENDING, f.job(low.id()).status());
    }

    @Test
    void dispatch_passesPayloadIdAndAttempt_asEnvironment() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work", "payload", Map.of("pair", "BTC/USDT")));
        f.dispatcher.dispatch();
        InMemoryJobRunner.Task t = f.runner.tasks().getFirst();
        assertEquals(Map.of(JobLimits.PAYLOAD_VARIABLE, "{\"pair\":\"BTC/USDT\"}", JobLimits.JOB_ID_VARIABLE, j.id(),
                JobLimits.ATTEMPT_VARIABLE, "1"), t.environment());
        Attempt a = f.job(j.id()).lastAttempt().orElseThrow();
        assertEquals(AttemptOutcome.RUNNING, a.outcome());
        assertEquals(t.taskArn(), a.taskArn());
        assertEquals("work/job/t1", a.logStream());
        assertTrue(a.logUrl().endsWith("log-group/$252Fquants-infra$252Fjobs/log-events/work$252Fjob$252Ft1"), a.logUrl());
    }

    @Test
    void chain_runsInDependencyOrder() {
        JobFixture f = new JobFixture().define("fetch").define("analyse").define("report");
        PublishResult r = f.service.publish(Map.of("jobs", List.of(
                Map.of("ref", "fetch", "name", "fetch"),
                Map.of("ref", "analyse", "name", "analyse", "depends_on", List.of("fetch")),
                Map.of("ref", "report", "name", "report", "depends_on", List.of("analyse")))));
        List<String> ids = r.jobs().stream().map(p -> p.job().id()).toList();
        for (String id : ids) {
            assertEquals(List.of(id), f.dispatcher.dispatch().started());
            f.exit(id, 0, Duration.ofSeconds(10));
        }
        assertEquals(ids, f.runner.tasks().stream().map(InMemoryJobRunner.Task::jobId).toList());
        assertTrue(ids.stream().allMatch(id -> f.job(id).status() == JobStatus.COMPLETED));
    }

    @Test
    void failure_retriesWithBackoff_thenFailsAndCancelsDependentsTransitively() {
        JobFixture f = new JobFixture().define("fetch").define("analyse");
        PublishResult r = f.service.publish(Map.of("jobs", List.of(
                Map.of("ref", "fetch", "name", "fetch", "max_retries", 1),
                Map.of("ref", "analyse", "name", "analyse", "depends_on", List.of("fetch")),
                Map.of("ref", "report", "name", "analyse", "depends_on", List.of("analyse")))));
        String fetch = r.jobs().get(0).job().id();
        f.dispatcher.dispatch();
        EventResult first = f.exit(fetch, 1, Duration.ofSeconds(5));
        assertEquals(new EventResult(EventResult.Outcome.SETTLED, fetch, JobStatus.PENDING), first);
        Job waiting = f.job(fetch);
        assertEquals(f.clock.instant().plus(Duration.ofSeconds(30)), waiting.notBefore());
        assertEquals(List.of(), f.dispatcher.dispatch().started(), "still in backoff");
        f.clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(fetch), f.dispatcher.dispatch().started());
        f.exit(fetch, 2, Duration.ofSeconds(5));
        Job failed = f.job(fetch);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(2, failed.attempts().size());
        assertEquals(2, failed.attempts().get(1).exitCode());
        assertTrue(failed.reason().contains("exit code 2"), failed.reason());
        for (int i = 1; i < 3; i++) {
            Job dep = f.job(r.jobs().get(i).job().id());
            assertEquals(JobStatus.CANCELLED, dep.status());
            assertTrue(dep.reason().startsWith("dependency "), dep.reason());
        }
    }

    @Test
    void duplicateAndLateEvents_changeNothing() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        f.dispatcher.dispatch();
        TaskReport stopped = f.runner.finish(j.id(), 1, 0, JobFixture.T0, JobFixture.T0.plusSeconds(4));
        assertEquals(EventResult.Outcome.SETTLED, f.events.onTaskStateChange(stopped).outcome());
        long version = f.job(j.id()).version();
        assertEquals(EventResult.Outcome.DUPLICATE, f.events.onTaskStateChange(stopped).outcome());
        TaskReport lateRunning = new TaskReport(stopped.taskArn(), stopped.startedBy(), "RUNNING", null, null, null, null,
                JobFixture.T0, null);
        assertEquals(EventResult.Outcome.DUPLICATE, f.events.onTaskStateChange(lateRunning).outcome());
        assertEquals(version, f.job(j.id()).version());
        assertEquals(EventResult.Outcome.IGNORED, f.events.onTaskStateChange(new TaskReport("arn:x", "ecs-svc/123",
                "STOPPED", null, null, 0, null, null, null)).outcome());
    }

    @Test
    void timeout_stopsTheTask_andRecordsATimedOutAttempt() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work", "timeout", 60));
        f.dispatcher.dispatch();
        String arn = f.job(j.id()).lastAttempt().orElseThrow().taskArn();
        f.clock.advance(Duration.ofSeconds(61));
        DispatchReport r = f.dispatcher.dispatch();
        assertEquals(1, r.timedOut());
        assertEquals(List.of(arn), f.runner.stops());
        Job after = f.job(j.id());
        assertEquals(JobStatus.TIMED_OUT, after.status());
        assertEquals(AttemptOutcome.TIMED_OUT, after.lastAttempt().orElseThrow().outcome());
    }

    @Test
    void expiredJob_neverStarts() {
        JobFixture f = new JobFixture(1).define("work");
        Job blocker = f.publish(Map.of("name", "work"));
        f.clock.advance(Duration.ofSeconds(1));
        Job j = f.publish(Map.of("name", "work", "expires_in", "1m"));
        f.dispatcher.dispatch();
        f.clock.advance(Duration.ofMinutes(2));
        f.exit(blocker.id(), 0, Duration.ofSeconds(1));
        DispatchReport r = f.dispatcher.dispatch();
        assertEquals(1, r.expired());
        assertEquals(List.of(), r.started());
        assertEquals(JobStatus.EXPIRED, f.job(j.id()).status());
        assertEquals(1, f.runner.tasks().size());
    }

    @Test
    void cancelRunning_stopsItsTask() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        f.dispatcher.dispatch();
        String arn = f.job(j.id()).lastAttempt().orElseThrow().taskArn();
        Job c = f.service.cancel(j.id(), "wrong pair");
        assertEquals(JobStatus.CANCELLED, c.status());
        assertEquals(List.of(arn), f.runner.stops());
        assertEquals(AttemptOutcome.CANCELLED, c.lastAttempt().orElseThrow().outcome());
        // the task's STOPPED event arrives afterwards and changes nothing
        assertEquals(EventResult.Outcome.DUPLICATE, f.events.onTaskStateChange(f.runner.finish(j.id(), 1, 143,
                JobFixture.T0, JobFixture.T0.plusSeconds(3))).outcome());
    }

    @Test
    void retry_putsAFailedJobBack_keepingItsAttempts() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        f.dispatcher.dispatch();
        f.exit(j.id(), 1, Duration.ofSeconds(1));
        assertEquals(JobStatus.FAILED, f.job(j.id()).status());
        Job again = f.service.retry(j.id());
        assertEquals(JobStatus.PENDING, again.status());
        assertEquals(1, again.attempts().size());
        f.dispatcher.dispatch();
        assertEquals(2, f.job(j.id()).lastAttempt().orElseThrow().number());
        assertEquals(List.of(j.id() + "/1", j.id() + "/2"), f.runner.runCalls());
    }

    @Test
    void startRefused_isRetried() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work", "max_retries", 1));
        f.runner.refuseNext("RESOURCE:ENI");
        DispatchReport r = f.dispatcher.dispatch();
        assertEquals(1, r.startFailed());
        Job after = f.job(j.id());
        assertEquals(JobStatus.PENDING, after.status());
        assertEquals(AttemptOutcome.START_FAILED, after.lastAttempt().orElseThrow().outcome());
        assertNotNull(after.notBefore());
    }

    @Test
    void lostEvent_isReconciledFromDescribeTasks() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        f.dispatcher.dispatch();
        f.runner.finish(j.id(), 1, 0, JobFixture.T0, JobFixture.T0.plusSeconds(9));  // event never delivered
        DispatchReport r = f.dispatcher.dispatch();
        assertEquals(1, r.reconciled());
        assertEquals(JobStatus.COMPLETED, f.job(j.id()).status());
    }

    @Test
    void eventFixture_fromEcs_settlesTheAttempt() throws Exception {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        f.dispatcher.dispatch();
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                getClass().getResourceAsStream("/job/ecs-task-state-change-stopped.json"), Map.class);
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        detail.put("startedBy", Attempt.startedBy(j.id(), 1));
        TaskReport report = TaskReport.fromEvent(event);
        assertEquals(1, report.exitCode());
        assertEquals("EssentialContainerExited", report.stopCode());
        EventResult r = f.events.onTaskStateChange(report);
        assertEquals(EventResult.Outcome.SETTLED, r.outcome());
        Attempt a = f.job(j.id()).lastAttempt().orElseThrow();
        assertEquals(java.time.Instant.parse("2026-12-07T09:01:02.345Z"), a.startedAt());
        assertEquals(AttemptOutcome.FAILED, a.outcome());
    }

    @Test
    void staleClaim_ofADispatcherThatDied_recordsTheTaskItStarted_insteadOfStartingAnother() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        Mutable claim = new Mutable(j);
        claim.status = JobStatus.RUNNING;
        claim.add(new Attempt(1, AttemptOutcome.CLAIMED, null, f.clock.instant(), null, null, null, null, null, null));
        f.store.update(j, claim.build(f.clock.instant()));
        String arn = f.runner.startBehindTheStoresBack(j, 1);
        assertEquals(List.of(), f.dispatcher.dispatch().started(), "within the claim grace nothing is re-asked");
        f.clock.advance(f.settings.claimGrace());
        f.dispatcher.dispatch();
        assertEquals(arn, f.job(j.id()).lastAttempt().orElseThrow().taskArn());
        assertEquals(1, f.runner.tasks().size());
        assertEquals(List.of(j.id() + "/1"), f.runner.runCalls());
    }

    @Test
    void staleClaim_withoutATask_asksRunTaskAgainWithTheSameAttempt() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        Mutable claim = new Mutable(j);
        claim.status = JobStatus.RUNNING;
        claim.add(new Attempt(1, AttemptOutcome.CLAIMED, null, f.clock.instant(), null, null, null, null, null, null));
        f.store.update(j, claim.build(f.clock.instant()));
        f.clock.advance(f.settings.claimGrace());
        f.dispatcher.dispatch();
        assertEquals(List.of(j.id() + "/1"), f.runner.runCalls());
        assertNotNull(f.job(j.id()).lastAttempt().orElseThrow().taskArn());
    }

    @Test
    void dispatchWithAPassedDeadline_startsNothing_andCountsWhatItLeft() {
        JobFixture f = new JobFixture().define("work");
        f.publish(Map.of("name", "work"));
        f.publish(Map.of("name", "work"));
        DispatchReport r = f.dispatcher.dispatch(f.clock.instant());
        assertEquals(List.of(), r.started());
        assertEquals(2, r.left());
        assertEquals(2, f.dispatcher.dispatch(f.clock.instant().plusSeconds(60)).started().size());
    }

    @Test
    void cancelWhileRunTaskIsInFlight_stopsTheTaskThatStartedAnyway() {
        JobFixture f = new JobFixture().define("work");
        Job j = f.publish(Map.of("name", "work"));
        JobRunner cancellingMidway = new JobRunner() {
            @Override public String register(io.quantsinfra.core.deploy.TaskSpec spec) { return f.runner.register(spec); }
            @Override public RunResult run(String td, Job job, int attempt, Map<String, String> env) {
                f.service.cancel(job.id(), "changed my mind");
                return f.runner.run(td, job, attempt, env);
            }
            @Override public java.util.Optional<String> find(String jobId, int attempt) { return f.runner.find(jobId, attempt); }
            @Override public void stop(String taskArn, String reason) { f.runner.stop(taskArn, reason); }
            @Override public List<TaskReport> describe(java.util.Collection<String> arns) { return f.runner.describe(arns); }
        };
        new JobDispatcher(f.store, cancellingMidway, f.settings, f.clock).dispatch();
        assertEquals(JobStatus.CANCELLED, f.job(j.id()).status());
        assertEquals(List.of(f.runner.tasks().getFirst().taskArn()), f.runner.stops());
    }
}
