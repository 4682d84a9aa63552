package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.AttemptOutcome;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobIndex;
import io.quantsinfra.core.job.JobPage;
import io.quantsinfra.core.job.JobPriority;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.core.job.JobStore;
import io.quantsinfra.core.secret.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Jobs in the single state table, without a secondary index:
 * <pre>
 * pk                 sk                              item
 * JOBDEF             name                            a definition
 * JOBS               id (time-ordered)               a job, with its attempts, version and (once finished) ttl
 * JOBQ#READY         5-rank#createdAt ms#id          ready index: PENDING, every dependency completed
 * JOBQ#RUNNING       id                              running index
 * JOBQ#EXPIRY        expiresAt ms#id                 expiry index: PENDING with an expiry
 * JOBDEPS#parent     child id                        dependency edge
 * JOBKEY#key         KEY                             idempotency key → job id
 * </pre>
 * A job and its index entries change in one TransactWriteItems conditional on the job's version, so the indexes
 * never disagree with the job and of two racing writers exactly one succeeds. A dispatch cycle Queries the
 * running index, the due part of the expiry index and the head of the ready index, then BatchGets those jobs: its
 * reads grow with what it acts on, not with the queue.
 */
public final class DynamoDbJobStore implements JobStore {
    static final String DEFS = "JOBDEF";
    static final String JOBS = "JOBS";
    static final String READY = "JOBQ#READY";
    static final String RUNNING = "JOBQ#RUNNING";
    static final String EXPIRY = "JOBQ#EXPIRY";
    static final String DEPS = "JOBDEPS#";
    static final String KEY = "JOBKEY#";
    /** Most job items read by one list call, matching or not; the page token then resumes after the last one read. */
    static final int LIST_SCAN_LIMIT = 5000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration finishedRetention;

    /**
     * @param finishedRetention finished jobs get a TTL this far after they finish ({@code JobSettings.finishedRetention()})
     */
    public DynamoDbJobStore(DynamoDbClient dynamo, String table, Duration finishedRetention) {
        this.dynamo = dynamo;
        this.table = table;
        this.finishedRetention = finishedRetention;
    }

    // ---- definitions

    @Override
    public void saveDefinition(JobDefinition d) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(DEFS, d.name()));
        put(item, "preset", d.preset());
        put(item, "image", d.image());
        item.put("entryPoint", strings(d.entryPoint()));
        item.put("command", strings(d.command()));
        item.put("cpu", AttributeValue.fromN(Integer.toString(d.cpu())));
        item.put("memory", AttributeValue.fromN(Integer.toString(d.memory())));
        item.put("environment", AttributeValues.of(d.environment()));
        Map<String, Object> secrets = new LinkedHashMap<>();
        d.secrets().forEach((k, v) -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("secretRef", v.name());
            if (v.jsonKey() != null) {
                ref.put("jsonKey", v.jsonKey());
            }
            secrets.put(k, ref);
        });
        item.put("secrets", AttributeValues.of(secrets));
        put(item, "timeout", d.timeout().toString());
        item.put("maxRetries", AttributeValue.fromN(Integer.toString(d.maxRetries())));
        put(item, "taskDefinitionArn", d.taskDefinitionArn());
        put(item, "createdAt", d.createdAt());
        put(item, "updatedAt", d.updatedAt());
        ItemSize.check(item, "store job definition " + d.name());
        AwsErrors.call("store job definition " + d.name(), () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Optional<JobDefinition> definition(String name) {
        Map<String, AttributeValue> item = AwsErrors.call("read job definition " + name, () -> dynamo.getItem(r -> r
                .tableName(table).key(Items.key(DEFS, name)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(definitionOf(item));
    }

    @Override
    public List<JobDefinition> definitions() {
        return Items.query(dynamo, table, DEFS, "read job definitions").stream().map(DynamoDbJobStore::definitionOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static JobDefinition definitionOf(Map<String, AttributeValue> i) {
        Map<String, String> env = new LinkedHashMap<>();
        AttributeValues.map(i.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        AttributeValues.map(i.get("secrets")).forEach((k, v) -> {
            Map<String, Object> m = (Map<String, Object>) v;
            secrets.put(k, new SecretRef((String) m.get("secretRef"), (String) m.get("jsonKey")));
        });
        return new JobDefinition(Items.s(i, "sk"), Items.s(i, "preset"), Items.s(i, "image"), stringList(i, "entryPoint"),
                stringList(i, "command"), (int) Items.n(i, "cpu"), (int) Items.n(i, "memory"), env, secrets,
                Duration.parse(Items.s(i, "timeout")), (int) Items.n(i, "maxRetries"), Items.s(i, "taskDefinitionArn"),
                Items.instant(i, "createdAt"), Items.instant(i, "updatedAt"));
    }

    // ---- edges and keys

    @Override
    public void addDependents(String child, Collection<String> parents) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String p : new LinkedHashSet<>(parents)) {
            writes.add(WriteRequest.builder().putRequest(b -> b.item(Items.key(DEPS + p, child))).build());
        }
        batchWrite(writes, "store dependencies of job " + child);
    }

    @Override
    public List<String> dependents(String parent) {
        return Items.query(dynamo, table, DEPS + parent, "read dependents of job " + parent).stream()
                .map(i -> Items.s(i, "sk")).toList();
    }

    @Override
    public Optional<String> idForKey(String idempotencyKey) {
        Map<String, AttributeValue> item = AwsErrors.call("read idempotency key", () -> dynamo.getItem(r -> r
                .tableName(table).key(Items.key(KEY + idempotencyKey, "KEY")).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Items.s(item, "id"));
    }

    // ---- jobs

    @Override
    public void insert(Job job) {
        List<TransactWriteItem> tx = new ArrayList<>();
        Map<String, AttributeValue> item = item(job);
        ItemSize.check(item, "store job " + job.id());
        tx.add(put(item, "attribute_not_exists(pk)", null));
        if (job.idempotencyKey() != null) {
            Map<String, AttributeValue> key = new HashMap<>(Items.key(KEY + job.idempotencyKey(), "KEY"));
            key.put("id", AttributeValue.fromS(job.id()));
            tx.add(put(key, "attribute_not_exists(pk)", null));
        }
        indexes(null, job, tx);
        transact(tx, "store job " + job.id());
    }

    @Override
    public Optional<Job> get(String id) {
        Map<String, AttributeValue> item = AwsErrors.call("read job " + id, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(JOBS, id)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(jobOf(item));
    }

    @Override
    public Map<String, Job> getAll(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, Job> found = new HashMap<>();
        for (int i = 0; i < distinct.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = distinct.subList(i, Math.min(distinct.size(), i + 100)).stream()
                    .map(id -> Items.key(JOBS, id)).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> req = request;
                var response = AwsErrors.call("read jobs", () -> dynamo.batchGetItem(r -> r.requestItems(req)));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Job j = jobOf(item);
                    found.put(j.id(), j);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        Map<String, Job> ordered = new LinkedHashMap<>();
        distinct.forEach(id -> {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        });
        return ordered;
    }

    @Override
    public void update(Job before, Job after) {
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("a job's next version is its version + 1");
        }
        List<TransactWriteItem> tx = new ArrayList<>();
        Map<String, AttributeValue> item = item(after);
        ItemSize.check(item, "store job " + after.id());
        tx.add(put(item, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(before.version())))));
        indexes(before, after, tx);
        if (after.idempotencyKey() != null && item.containsKey(StateTable.TTL_ATTRIBUTE) != before.status().finished()) {
            // The key expires with its job: a key left behind by TTL would name a job that is gone.
            Map<String, AttributeValue> key = new HashMap<>(Items.key(KEY + after.idempotencyKey(), "KEY"));
            key.put("id", AttributeValue.fromS(after.id()));
            if (item.containsKey(StateTable.TTL_ATTRIBUTE)) {
                key.put(StateTable.TTL_ATTRIBUTE, item.get(StateTable.TTL_ATTRIBUTE));
            }
            tx.add(put(key, null, null));
        }
        transact(tx, "update job " + after.id());
    }

    @Override
    public void delete(Job job) {
        Optional<Job> stored = get(job.id());
        if (stored.isEmpty()) {
            return;
        }
        Job s = stored.get();
        List<TransactWriteItem> tx = new ArrayList<>();
        tx.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Items.key(JOBS, s.id()))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(s.version())))).build()).build());
        indexes(s, null, tx);
        if (s.idempotencyKey() != null) {
            tx.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Items.key(KEY + s.idempotencyKey(), "KEY"))
                    .conditionExpression("attribute_not_exists(pk) OR id = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(s.id()))).build()).build());
        }
        transact(tx, "delete job " + s.id());
        List<WriteRequest> edges = dependents(s.id()).stream().map(child -> WriteRequest.builder()
                .deleteRequest(b -> b.key(Items.key(DEPS + s.id(), child))).build()).toList();
        batchWrite(edges, "delete dependency edges of job " + s.id());
    }

    @Override
    public List<Job> ready(Instant now, int limit) {
        List<Job> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            int want = Math.min(1000, Math.max(limit - out.size(), 1) + 10);
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsErrors.call("read the ready jobs", () -> dynamo.query(indexQuery(READY, want, from, null)));
            List<String> ids = page.items().stream().map(i -> Items.s(i, "id")).toList();
            Map<String, Job> jobs = getAll(ids);
            for (String id : ids) {
                Job j = jobs.get(id);
                if (j != null && j.readyAt(now)) {
                    out.add(j);
                    if (out.size() >= limit) {
                        return out;
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public List<Job> running() {
        List<String> ids = Items.query(dynamo, table, RUNNING, "read the running jobs").stream().map(i -> Items.s(i, "id")).toList();
        Map<String, Job> jobs = getAll(ids);
        return ids.stream().map(jobs::get).filter(j -> j != null && j.status() == JobStatus.RUNNING).toList();
    }

    @Override
    public List<Job> expiring(Instant now, int limit) {
        QueryResponse page = AwsErrors.call("read the expiring jobs", () -> dynamo.query(indexQuery(EXPIRY, limit, null,
                JobIndex.expiryBound(now))));
        List<String> ids = page.items().stream().map(i -> Items.s(i, "id")).toList();
        Map<String, Job> jobs = getAll(ids);
        return ids.stream().map(jobs::get).filter(j -> j != null && j.expiredAt(now)).toList();
    }

    private QueryRequest indexQuery(String pk, int limit, Map<String, AttributeValue> start, String upTo) {
        QueryRequest.Builder b = QueryRequest.builder().tableName(table).limit(limit).consistentRead(true);
        if (upTo == null) {
            b.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
        } else {
            b.keyConditionExpression("pk = :pk AND sk <= :to").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                    ":to", AttributeValue.fromS(upTo)));
        }
        if (start != null) {
            b.exclusiveStartKey(start);
        }
        return b.build();
    }

    @Override
    public JobPage list(JobQuery query) {
        List<Job> out = new ArrayList<>();
        Map<String, AttributeValue> start = query.pageToken() == null ? null : Items.key(JOBS, query.pageToken());
        int scanned = 0;
        String lastRead = null;
        while (true) {
            Map<String, AttributeValue> from = start;
            QueryRequest.Builder b = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(200)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(JOBS)));
            if (from != null) {
                b.exclusiveStartKey(from);
            }
            QueryResponse page = AwsErrors.call("list jobs", () -> dynamo.query(b.build()));
            for (Map<String, AttributeValue> item : page.items()) {
                Job j = jobOf(item);
                scanned++;
                lastRead = j.id();
                if (query.matches(j)) {
                    out.add(j);
                }
                if (out.size() >= query.limit() || scanned >= LIST_SCAN_LIMIT) {
                    boolean more = !item.equals(page.items().getLast()) || (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
                    return new JobPage(out, more ? lastRead : null);
                }
            }
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return new JobPage(out, null);
            }
            start = page.lastEvaluatedKey();
        }
    }

    @Override
    public List<Job> all() {
        return Items.query(dynamo, table, JOBS, "read jobs").stream().map(DynamoDbJobStore::jobOf).toList();
    }

    // ---- index maintenance

    private void indexes(Job before, Job after, List<TransactWriteItem> tx) {
        String id = after != null ? after.id() : before.id();
        move(READY, before != null && JobIndex.ready(before) ? JobIndex.readyKey(before) : null,
                after != null && JobIndex.ready(after) ? JobIndex.readyKey(after) : null, id, tx);
        move(EXPIRY, before != null && JobIndex.expiring(before) ? JobIndex.expiryKey(before) : null,
                after != null && JobIndex.expiring(after) ? JobIndex.expiryKey(after) : null, id, tx);
        move(RUNNING, before != null && JobIndex.running(before) ? id : null,
                after != null && JobIndex.running(after) ? id : null, id, tx);
    }

    private void move(String pk, String oldSk, String newSk, String id, List<TransactWriteItem> tx) {
        if (oldSk != null && !oldSk.equals(newSk)) {
            tx.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Items.key(pk, oldSk)).build()).build());
        }
        if (newSk != null && !newSk.equals(oldSk)) {
            Map<String, AttributeValue> entry = new HashMap<>(Items.key(pk, newSk));
            entry.put("id", AttributeValue.fromS(id));
            tx.add(put(entry, null, null));
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (condition != null) {
            p.conditionExpression(condition);
        }
        if (values != null) {
            p.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    private void transact(List<TransactWriteItem> tx, String doing) {
        try {
            AwsErrors.call(doing, () -> dynamo.transactWriteItems(r -> r.transactItems(tx)));
        } catch (ConflictException e) {
            throw new ConflictException("could not " + doing + ": it was changed at the same time by someone else; try again");
        }
    }

    private void batchWrite(List<WriteRequest> writes, String doing) {
        for (int i = 0; i < writes.size(); i += 25) {
            Map<String, List<WriteRequest>> request = Map.of(table, writes.subList(i, Math.min(writes.size(), i + 25)));
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> req = request;
                var response = AwsErrors.call(doing, () -> dynamo.batchWriteItem(r -> r.requestItems(req)));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    // ---- job items

    private Map<String, AttributeValue> item(Job j) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(JOBS, j.id()));
        item.put("definition", AttributeValue.fromS(j.definition()));
        item.put("payload", AttributeValue.fromS(j.payload()));
        item.put("priority", AttributeValue.fromS(j.priority().name()));
        item.put("tags", strings(j.tags()));
        item.put("timeout", AttributeValue.fromS(j.timeout().toString()));
        put(item, "expiresAt", j.expiresAt());
        item.put("dependsOn", strings(j.dependsOn()));
        item.put("blockedBy", strings(j.blockedBy()));
        item.put("maxRetries", AttributeValue.fromN(Integer.toString(j.maxRetries())));
        item.put("roundStart", AttributeValue.fromN(Integer.toString(j.roundStart())));
        put(item, "idempotencyKey", j.idempotencyKey());
        item.put("status", AttributeValue.fromS(j.status().name()));
        put(item, "reason", j.reason());
        put(item, "notBefore", j.notBefore());
        put(item, "createdAt", j.createdAt());
        put(item, "updatedAt", j.updatedAt());
        put(item, "finishedAt", j.finishedAt());
        item.put("attempts", AttributeValue.fromL(j.attempts().stream().map(DynamoDbJobStore::attempt).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(j.version())));
        if (j.status().finished() && j.finishedAt() != null) {
            item.put(StateTable.TTL_ATTRIBUTE, StateTable.expiresAt(j.finishedAt().plus(finishedRetention)));
        }
        return item;
    }

    private static AttributeValue attempt(Attempt a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("number", AttributeValue.fromN(Integer.toString(a.number())));
        m.put("outcome", AttributeValue.fromS(a.outcome().name()));
        put(m, "taskArn", a.taskArn());
        put(m, "claimedAt", a.claimedAt());
        put(m, "startedAt", a.startedAt());
        put(m, "stoppedAt", a.stoppedAt());
        if (a.exitCode() != null) {
            m.put("exitCode", AttributeValue.fromN(Integer.toString(a.exitCode())));
        }
        put(m, "reason", a.reason());
        put(m, "logStream", a.logStream());
        put(m, "logUrl", a.logUrl());
        return AttributeValue.fromM(m);
    }

    private static Job jobOf(Map<String, AttributeValue> i) {
        List<Attempt> attempts = new ArrayList<>();
        if (i.get("attempts") != null && i.get("attempts").hasL()) {
            for (AttributeValue v : i.get("attempts").l()) {
                Map<String, AttributeValue> m = v.m();
                attempts.add(new Attempt((int) Items.n(m, "number"), AttemptOutcome.valueOf(Items.s(m, "outcome")),
                        Items.s(m, "taskArn"), Items.instant(m, "claimedAt"), Items.instant(m, "startedAt"),
                        Items.instant(m, "stoppedAt"), m.containsKey("exitCode") ? (int) Items.n(m, "exitCode") : null,
                        Items.s(m, "reason"), Items.s(m, "logStream"), Items.s(m, "logUrl")));
            }
        }
        return new Job(Items.s(i, "sk"), Items.s(i, "definition"), Items.s(i, "payload"),
                JobPriority.valueOf(Items.s(i, "priority")), stringList(i, "tags"), Duration.parse(Items.s(i, "timeout")),
                Items.instant(i, "expiresAt"), stringList(i, "dependsOn"), stringList(i, "blockedBy"),
                (int) Items.n(i, "maxRetries"), (int) Items.n(i, "roundStart"), Items.s(i, "idempotencyKey"),
                JobStatus.valueOf(Items.s(i, "status")), Items.s(i, "reason"), Items.instant(i, "notBefore"),
                Items.instant(i, "createdAt"), Items.instant(i, "updatedAt"), Items.instant(i, "finishedAt"), attempts,
                Items.n(i, "version"));
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static List<String> stringList(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    /** Puts {@code value} as a string unless it is {@code null} (absent attributes read back as {@code null}). */
    private static void put(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value.toString()));
        }
    }
}
