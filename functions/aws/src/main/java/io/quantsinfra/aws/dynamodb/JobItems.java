package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.core.job.Attempt;
import io.quantsinfra.core.job.AttemptOutcome;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobPriority;
import io.quantsinfra.core.job.JobStatus;
import io.quantsinfra.core.secret.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Jobs and job definitions to and from {@link DynamoDbJobStore}'s items: one attribute per field, attempts as a list. */
final class JobItems {
    private JobItems() {}

    /** A job definition's item, its secret references as maps ({@code secretRef}, {@code jsonKey}). */
    static Map<String, AttributeValue> definitionItem(JobDefinition d) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(DynamoDbJobStore.DEFS, d.name()));
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
        return item;
    }

    @SuppressWarnings("unchecked")
    static JobDefinition definitionOf(Map<String, AttributeValue> i) {
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

    /** A job's item; a finished job's expires {@code finishedRetention} after it finished (DynamoDB's TTL). */
    static Map<String, AttributeValue> item(Job j, Duration finishedRetention) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(DynamoDbJobStore.JOBS, j.id()));
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
        item.put("attempts", AttributeValue.fromL(j.attempts().stream().map(JobItems::attempt).toList()));
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

    static Job jobOf(Map<String, AttributeValue> i) {
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
