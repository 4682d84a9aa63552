package io.quantsinfra.core.job;

import io.quantsinfra.core.document.DocumentLimits;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a publish document whole — fields, definitions, dependencies (unknown, cyclic, already failed),
 * sizes — then stores its jobs parents first. Dependencies within the batch are named by {@code ref}.
 */
final class Publisher {
    private static final Set<String> JOB_FIELDS = Set.of("ref", "name", "payload", "priority", "tags", "timeout",
            "expires_in", "depends_on", "max_retries", "idempotency_key");
    private static final String REF = "[A-Za-z0-9_.-]{1,64}";
    private final JobStore store;
    private final JobSettings settings;
    private final Clock clock;

    Publisher(JobStore store, JobSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One job as requested, after field validation. */
    private record Requested(int index, String path, String ref, String definition, String payload, JobPriority priority,
                             List<String> tags, Duration timeout, Duration expiresIn, List<String> dependsOn,
                             Integer maxRetries, String key) {}

    @SuppressWarnings("unchecked")
    PublishResult publish(Map<String, Object> document) {
        List<InvalidInputException> problems = new ArrayList<>();
        boolean batch = document != null && document.containsKey("jobs");
        if (document == null) {
            throw new InvalidInputException("a publish document is required");
        }
        List<Map<String, Object>> docs = batch ? batch(document, problems) : List.of(document);
        List<Requested> jobs = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            jobs.add(fields(i, batch ? "jobs[" + i + "]" : "", docs.get(i), problems));
        }
        Map<String, Requested> byRef = refs(jobs, problems);
        Map<String, JobDefinition> definitions = definitions(jobs, problems);
        Map<String, Job> external = dependencies(jobs, byRef, problems);
        List<Requested> order = topological(jobs, byRef, problems);
        keys(jobs, problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of(problems);
        }
        return store(order, jobs, byRef, definitions, external);
    }

    /**
     * The job documents of {@code {"jobs": [...]}}: a list too long or empty is refused at once; an entry that is
     * not an object is a problem and stands as an empty document, so the others are still checked.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> batch(Map<String, Object> document, List<InvalidInputException> problems) {
        if (document.size() > 1) {
            problems.add(new InvalidInputException(null, "with \"jobs\" no other top-level field is allowed"));
        }
        if (!(document.get("jobs") instanceof List<?> l) || l.isEmpty()) {
            throw new InvalidInputException("jobs", "must be a non-empty list of jobs");
        }
        if (l.size() > JobLimits.MAX_JOBS_PER_PUBLISH) {
            throw new InvalidInputException("jobs", "has " + l.size() + " jobs; at most " + JobLimits.MAX_JOBS_PER_PUBLISH
                    + " per publish");
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Map<?, ?> m) {
                docs.add((Map<String, Object>) m);
            } else {
                problems.add(new InvalidInputException("jobs[" + i + "]", "must be an object"));
                docs.add(Map.of());
            }
        }
        return docs;
    }

    private Requested fields(int index, String path, Map<String, Object> doc, List<InvalidInputException> problems) {
        Fields f = new Fields(doc, path, problems);
        f.onlyKnown(JOB_FIELDS);
        String ref = f.string("ref", false, 64);
        if (ref != null && !ref.matches(REF)) {
            f.problem("ref", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String name = f.string("name", true, 48);
        JobPriority priority = JobPriority.NORMAL;
        Object p = f.raw("priority");
        if (p != null) {
            try {
                priority = JobPriority.parse(f.path("priority"), p instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(p));
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        List<String> tags = f.strings("tags", JobLimits.MAX_TAGS, JobLimits.MAX_TAG_LENGTH);
        Duration timeout = f.duration("timeout", 1, JobLimits.MAX_TIMEOUT_SECONDS);
        Duration expiresIn = f.duration("expires_in", 1, JobLimits.MAX_EXPIRES_IN_SECONDS);
        List<String> deps = f.strings("depends_on", JobLimits.MAX_DEPENDENCIES, 64);
        Integer retries = f.integer("max_retries", 0, JobLimits.MAX_RETRIES);
        String key = f.string("idempotency_key", false, JobLimits.MAX_IDEMPOTENCY_KEY_LENGTH);
        String payload = payload(f, doc.get("payload"));
        return new Requested(index, path, ref, name, payload, priority, tags, timeout, expiresIn,
                List.copyOf(new LinkedHashSet<>(deps)), retries, key);
    }

    private static String payload(Fields f, Object payload) {
        if (payload == null) {
            return "{}";
        }
        Optional<String> deep = DocumentLimits.problem(payload, "the payload");
        if (deep.isPresent()) {
            f.problem("payload", deep.get());
            return null;
        }
        String json = Json.write(payload);
        // Measured as RunTask carries it: a JSON string inside the overrides, its quotes and backslashes escaped.
        int bytes = Json.quote(json).getBytes(StandardCharsets.UTF_8).length - 2;
        if (bytes > JobLimits.MAX_PAYLOAD_BYTES) {
            f.problem("payload", String.format("is %,d bytes as an escaped JSON string; at most %,d (RunTask passes it in the task's "
                    + "8 KiB overrides) — put large inputs in S3 or EFS and name them in the payload", bytes,
                    JobLimits.MAX_PAYLOAD_BYTES));
            return null;
        }
        // Read once its size is known to be small (it is refused anyway when it is not).
        PlainTextCredentials.inPayload(f, payload);
        return json;
    }

    private static Map<String, Requested> refs(List<Requested> jobs, List<InvalidInputException> problems) {
        Map<String, Requested> byRef = new HashMap<>();
        for (Requested r : jobs) {
            if (r.ref() != null && byRef.putIfAbsent(r.ref(), r) != null) {
                problems.add(new InvalidInputException(r.path() + ".ref", "'" + r.ref() + "' is used by an earlier job of this publish"));
            }
        }
        return byRef;
    }

    private Map<String, JobDefinition> definitions(List<Requested> jobs, List<InvalidInputException> problems) {
        Map<String, JobDefinition> found = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (Requested r : jobs) {
            if (r.definition() == null || found.containsKey(r.definition())) {
                continue;
            }
            Optional<JobDefinition> d = missing.contains(r.definition()) ? Optional.empty() : store.definition(r.definition());
            if (d.isPresent()) {
                found.put(r.definition(), d.get());
            } else {
                missing.add(r.definition());
                problems.add(new InvalidInputException(join(r.path(), "name"), "no job definition named '" + bounded(r.definition())
                        + "'; define it first (jobs define)"));
            }
        }
        return found;
    }

    /** Existing jobs named in depends_on, checked to exist and still be able to complete. */
    private Map<String, Job> dependencies(List<Requested> jobs, Map<String, Requested> byRef, List<InvalidInputException> problems) {
        Set<String> ids = new LinkedHashSet<>();
        for (Requested r : jobs) {
            r.dependsOn().stream().filter(d -> !byRef.containsKey(d)).forEach(ids::add);
        }
        Map<String, Job> found = ids.isEmpty() ? Map.of() : store.getAll(ids);
        for (Requested r : jobs) {
            for (int i = 0; i < r.dependsOn().size(); i++) {
                String d = r.dependsOn().get(i);
                String at = join(r.path(), "depends_on[" + i + "]");
                if (byRef.containsKey(d)) {
                    continue;
                }
                Job dep = found.get(d);
                if (dep == null) {
                    problems.add(new InvalidInputException(at, "unknown dependency '" + bounded(d)
                            + "': neither a job id nor the ref of a job in this publish"));
                } else if (dep.status().blocksDependents()) {
                    problems.add(new InvalidInputException(at, "dependency " + d + " is "
                            + dep.status().name().toLowerCase(java.util.Locale.ROOT) + " and will never complete; retry it first"));
                }
            }
        }
        return found;
    }

    /** The batch in an order where every job comes after its in-batch dependencies; a problem per cycle otherwise. */
    private static List<Requested> topological(List<Requested> jobs, Map<String, Requested> byRef,
                                               List<InvalidInputException> problems) {
        List<Requested> order = new ArrayList<>();
        Map<Requested, Integer> state = new HashMap<>();  // 1 visiting, 2 done
        for (Requested r : jobs) {
            visit(r, byRef, state, order, new ArrayList<>(), problems);
        }
        return order;
    }

    private static void visit(Requested r, Map<String, Requested> byRef, Map<Requested, Integer> state, List<Requested> order,
                              List<Requested> stack, List<InvalidInputException> problems) {
        Integer s = state.get(r);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>();
            for (int i = stack.indexOf(r); i < stack.size(); i++) {
                cycle.add(stack.get(i).ref());
            }
            cycle.add(r.ref());
            problems.add(new InvalidInputException(join(r.path(), "depends_on"), "cycle: " + String.join(" → ", cycle)));
            return;
        }
        state.put(r, 1);
        stack.add(r);
        for (String d : r.dependsOn()) {
            Requested dep = byRef.get(d);
            if (dep != null) {
                visit(dep, byRef, state, order, stack, problems);
            }
        }
        stack.removeLast();
        state.put(r, 2);
        order.add(r);
    }

    private static void keys(List<Requested> jobs, List<InvalidInputException> problems) {
        Set<String> seen = new HashSet<>();
        for (Requested r : jobs) {
            if (r.key() != null && !seen.add(r.key())) {
                problems.add(new InvalidInputException(join(r.path(), "idempotency_key"), "is used by an earlier job of this publish"));
            }
        }
    }

    private PublishResult store(List<Requested> order, List<Requested> jobs, Map<String, Requested> byRef,
                                Map<String, JobDefinition> definitions, Map<String, Job> external) {
        Instant now = clock.instant();
        Map<Requested, PublishResult.Published> done = new HashMap<>();
        Map<String, String> idOfRef = new HashMap<>();
        Map<String, JobStatus> statusOf = new HashMap<>();
        external.forEach((id, j) -> statusOf.put(id, j.status()));
        Transitions t = new Transitions(store, null, settings, clock);
        for (Requested r : order) {
            Optional<Job> earlier = r.key() == null ? Optional.empty() : store.idForKey(r.key()).flatMap(store::get);
            if (earlier.isPresent()) {
                record(r, earlier.get(), false, done, idOfRef, statusOf);
                continue;
            }
            List<String> deps = r.dependsOn().stream().map(d -> byRef.containsKey(d) ? idOfRef.get(d) : d).toList();
            List<String> blocked = deps.stream().filter(d -> statusOf.get(d) != JobStatus.COMPLETED).toList();
            JobDefinition def = definitions.get(r.definition());
            Job job = new Job(JobIds.next(now), r.definition(), r.payload(), r.priority(), r.tags(),
                    r.timeout() != null ? r.timeout() : def.timeout(),
                    r.expiresIn() == null ? null : now.plus(r.expiresIn()), deps, blocked,
                    r.maxRetries() != null ? r.maxRetries() : def.maxRetries(), 0, r.key(), JobStatus.PENDING, null, null,
                    now, now, null, List.of(), 1);
            if (!deps.isEmpty()) {
                store.addDependents(job.id(), deps);
            }
            try {
                store.insert(job);
            } catch (ConflictException e) {
                Optional<Job> winner = r.key() == null ? Optional.empty() : store.idForKey(r.key()).flatMap(store::get);
                if (winner.isEmpty()) {
                    throw e;
                }
                record(r, winner.get(), false, done, idOfRef, statusOf);
                continue;
            }
            Job checked = t.recheck(job);
            record(r, checked, true, done, idOfRef, statusOf);
        }
        return new PublishResult(jobs.stream().map(done::get).toList());
    }

    private static void record(Requested r, Job job, boolean created, Map<Requested, PublishResult.Published> done,
                               Map<String, String> idOfRef, Map<String, JobStatus> statusOf) {
        done.put(r, new PublishResult.Published(r.ref(), job, created));
        if (r.ref() != null) {
            idOfRef.put(r.ref(), job.id());
        }
        statusOf.put(job.id(), job.status());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code text} cut for an error message. */
    static String bounded(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
