package io.quantsinfra.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.EmulatedAccount;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.AttemptOutcome;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobPage;
import io.quantsinfra.core.job.JobPriority;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.core.secret.SecretRef;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulatorExtension.class)
class DynamoDbJobStoreTest {
    static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private AwsClients clients;
    private DynamoDbClient dynamo;
    private DynamoDbJobStore store;

    @BeforeEach
    void prepare(AwsEmulator aws) {
        clients = EmulatedAccount.prepare(aws);
        dynamo = clients.dynamoDb();
        store = new DynamoDbJobStore(dynamo, clients.settings().table(), Duration.ofDays(30));
    }

    @AfterEach
    void close() {
        dynamo.close();
        clients.close();
    }

    static Job job(String id, JobPriority p, Instant created, List<String> blockedBy) {
        return new Job(id, "work", "{\"a\":1}", p, List.of("analysis"), Duration.ofMinutes(5), null, blockedBy, blockedBy, 2, 0,
                null, JobStatus.PENDING, null, null, created, created, null, List.of(), 1);
    }

    static Job next(Job j, JobStatus status, List<Attempt> attempts, Instant finished) {
        return new Job(j.id(), j.definition(), j.payload(), j.priority(), j.tags(), j.timeout(), j.expiresAt(), j.dependsOn(),
                j.blockedBy(), j.maxRetries(), j.roundStart(), j.idempotencyKey(), status, finished == null ? null : "done",
                null, j.createdAt(), T0, finished, attempts, j.version() + 1);
    }

    @Test
    void definition_roundTrips() {
        JobDefinition d = new JobDefinition("fetch", "container", "python:3.12-slim", List.of(), List.of("python", "-c", "print(1)"),
                256, 512, Map.of("MODE", "x"), Map.of("API_KEY", new SecretRef("binance-main", "key")), Duration.ofMinutes(30), 2,
                "arn:aws:ecs:us-east-1:123456789012:task-definition/job-fetch:1", T0, T0);
        store.saveDefinition(d);
        assertEquals(d, store.definition("fetch").orElseThrow());
        assertEquals(List.of(d), store.definitions());
        assertTrue(store.definition("other").isEmpty());
    }

    @Test
    void job_roundTripsWithAttempts_andAFinishedJobGetsATtl() {
        Job j = job("0000000001aaaaaaaaaaaaaaaa", JobPriority.HIGH, T0, List.of());
        store.insert(j);
        assertEquals(j, store.get(j.id()).orElseThrow());
        Attempt a = new Attempt(1, AttemptOutcome.SUCCEEDED, "arn:aws:ecs:us-east-1:123456789012:task/quants-infra/t1", T0,
                T0.plusSeconds(1), T0.plusSeconds(9), 0, "Essential container in task exited", "work/job/t1", "https://x");
        Job done = next(j, JobStatus.COMPLETED, List.of(a), T0.plusSeconds(9));
        store.update(j, done);
        assertEquals(done, store.get(j.id()).orElseThrow());
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(clients.settings().table())
                .key(Map.of("pk", AttributeValue.fromS("JOBS"), "sk", AttributeValue.fromS(j.id())))).item();
        assertEquals(Long.toString(T0.plusSeconds(9).plus(Duration.ofDays(30)).getEpochSecond()), item.get("ttl").n());
    }

    @Test
    void update_onAStaleVersion_isAConflict_andChangesNothing() {
        Job j = job("0000000001aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of());
        store.insert(j);
        Job running = next(j, JobStatus.RUNNING, List.of(), null);
        store.update(j, running);
        assertThrows(ConflictException.class, () -> store.update(j, next(j, JobStatus.CANCELLED, List.of(), T0)));
        assertEquals(running, store.get(j.id()).orElseThrow());
        assertEquals(List.of(running), store.running());
        assertEquals(List.of(), store.ready(T0, 10));
    }

    @Test
    void ready_isInPriorityThenAgeOrder_andSkipsBlockedJobs() {
        Job low = job("0000000001aaaaaaaaaaaaaaaa", JobPriority.LOW, T0, List.of());
        Job normalOld = job("0000000002aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0.plusSeconds(1), List.of());
        Job normalNew = job("0000000003aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0.plusSeconds(2), List.of());
        Job urgent = job("0000000004aaaaaaaaaaaaaaaa", JobPriority.URGENT, T0.plusSeconds(3), List.of());
        Job blocked = job("0000000005aaaaaaaaaaaaaaaa", JobPriority.URGENT, T0.plusSeconds(4), List.of(low.id()));
        for (Job j : List.of(low, normalNew, blocked, urgent, normalOld)) {
            store.insert(j);
        }
        assertEquals(List.of(urgent.id(), normalOld.id(), normalNew.id(), low.id()),
                store.ready(T0.plusSeconds(10), 10).stream().map(Job::id).toList());
        assertEquals(List.of(urgent.id(), normalOld.id()), store.ready(T0.plusSeconds(10), 2).stream().map(Job::id).toList());
    }

    @Test
    void idempotencyKey_isClaimedOnce() {
        Job first = withKey(job("0000000001aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of()), "daily");
        Job second = withKey(job("0000000002aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of()), "daily");
        store.insert(first);
        assertThrows(ConflictException.class, () -> store.insert(second));
        assertEquals(first.id(), store.idForKey("daily").orElseThrow());
        assertTrue(store.get(second.id()).isEmpty(), "nothing of the refused job is stored");
        assertEquals(List.of(first.id()), store.ready(T0, 10).stream().map(Job::id).toList());
    }

    private static Job withKey(Job j, String key) {
        return new Job(j.id(), j.definition(), j.payload(), j.priority(), j.tags(), j.timeout(), j.expiresAt(), j.dependsOn(),
                j.blockedBy(), j.maxRetries(), j.roundStart(), key, j.status(), j.reason(), j.notBefore(), j.createdAt(),
                j.updatedAt(), j.finishedAt(), j.attempts(), j.version());
    }

    @Test
    void expiring_returnsOnlyDueJobs() {
        Job due = expires(job("0000000001aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of()), T0.plusSeconds(60));
        Job later = expires(job("0000000002aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of()), T0.plusSeconds(600));
        store.insert(due);
        store.insert(later);
        assertEquals(List.of(due.id()), store.expiring(T0.plusSeconds(60), 10).stream().map(Job::id).toList());
    }

    private static Job expires(Job j, Instant at) {
        return new Job(j.id(), j.definition(), j.payload(), j.priority(), j.tags(), j.timeout(), at, j.dependsOn(),
                j.blockedBy(), j.maxRetries(), j.roundStart(), j.idempotencyKey(), j.status(), j.reason(), j.notBefore(),
                j.createdAt(), j.updatedAt(), j.finishedAt(), j.attempts(), j.version());
    }

    @Test
    void list_pagesNewestFirst_withFilters() {
        for (int i = 1; i <= 5; i++) {
            store.insert(job("000000000" + i + "aaaaaaaaaaaaaaaa", i % 2 == 0 ? JobPriority.HIGH : JobPriority.LOW,
                    T0.plusSeconds(i), List.of()));
        }
        JobPage first = store.list(JobQuery.parse(null, null, null, null, 2, null));
        assertEquals(List.of("0000000005aaaaaaaaaaaaaaaa", "0000000004aaaaaaaaaaaaaaaa"), first.jobs().stream().map(Job::id).toList());
        JobPage second = store.list(JobQuery.parse(null, null, null, null, 2, first.nextPageToken()));
        assertEquals(List.of("0000000003aaaaaaaaaaaaaaaa", "0000000002aaaaaaaaaaaaaaaa"), second.jobs().stream().map(Job::id).toList());
        JobPage last = store.list(JobQuery.parse(null, null, null, null, 2, second.nextPageToken()));
        assertEquals(1, last.jobs().size());
        assertNull(last.nextPageToken());
        assertEquals(List.of("0000000004aaaaaaaaaaaaaaaa", "0000000002aaaaaaaaaaaaaaaa"),
                store.list(JobQuery.parse("pending", "high", List.of("analysis"), "work", 10, null)).jobs().stream().map(Job::id).toList());
    }

    @Test
    void delete_removesTheJobItsIndexEntriesAndEdges() {
        Job parent = job("0000000001aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of());
        Job child = job("0000000002aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of(parent.id()));
        store.addDependents(child.id(), List.of(parent.id()));
        store.insert(parent);
        store.insert(child);
        assertEquals(List.of(child.id()), store.dependents(parent.id()));
        store.delete(parent);
        assertTrue(store.get(parent.id()).isEmpty());
        assertEquals(List.of(), store.dependents(parent.id()));
        assertEquals(List.of(), store.ready(T0, 10));
        assertFalse(store.all().isEmpty());
    }

    @Test
    void idempotencyKey_expiresWithItsFinishedJob() {
        Job j = withKey(job("0000000001aaaaaaaaaaaaaaaa", JobPriority.NORMAL, T0, List.of()), "daily");
        store.insert(j);
        store.update(j, next(j, JobStatus.CANCELLED, List.of(), T0.plusSeconds(5)));
        Map<String, AttributeValue> key = dynamo.getItem(r -> r.tableName(clients.settings().table())
                .key(Map.of("pk", AttributeValue.fromS("JOBKEY#daily"), "sk", AttributeValue.fromS("KEY")))).item();
        assertEquals(Long.toString(T0.plusSeconds(5).plus(Duration.ofDays(30)).getEpochSecond()), key.get("ttl").n());
        assertEquals(j.id(), key.get("id").s());
    }
}
