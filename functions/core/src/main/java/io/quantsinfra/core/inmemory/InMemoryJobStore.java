package io.quantsinfra.core.inmemory;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobIndex;
import io.quantsinfra.core.job.JobPage;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs in memory with the DynamoDB adapter's layout and conditions: the same three indexes, version-conditional
 * updates, idempotency keys claimed once. Counts item reads and writes the way DynamoDB would bill them (one per
 * item), so the benchmark can report them per cycle without the emulator.
 */
public final class InMemoryJobStore implements JobStore {
    private final Map<String, JobDefinition> definitions = new TreeMap<>();
    private final TreeMap<String, Job> jobs = new TreeMap<>();
    private final TreeMap<String, String> ready = new TreeMap<>();
    private final TreeMap<String, String> expiry = new TreeMap<>();
    private final Set<String> running = new LinkedHashSet<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    /** Items read so far (a job, an index entry, an edge, a key). */
    public long reads() {
        return reads.get();
    }

    /** Items written or deleted so far. */
    public long writes() {
        return writes.get();
    }

    @Override
    public synchronized void saveDefinition(JobDefinition definition) {
        writes.incrementAndGet();
        definitions.put(definition.name(), definition);
    }

    @Override
    public synchronized Optional<JobDefinition> definition(String name) {
        reads.incrementAndGet();
        return Optional.ofNullable(definitions.get(name));
    }

    @Override
    public synchronized List<JobDefinition> definitions() {
        reads.addAndGet(Math.max(1, definitions.size()));
        return List.copyOf(definitions.values());
    }

    @Override
    public synchronized void addDependents(String child, Collection<String> parents) {
        writes.addAndGet(parents.size());
        parents.forEach(p -> dependents.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(child));
    }

    @Override
    public synchronized List<String> dependents(String parent) {
        List<String> out = List.copyOf(dependents.getOrDefault(parent, Set.of()));
        reads.addAndGet(Math.max(1, out.size()));
        return out;
    }

    @Override
    public synchronized void insert(Job job) {
        if (job.idempotencyKey() != null && keys.containsKey(job.idempotencyKey())) {
            throw new ConflictException("idempotency key " + job.idempotencyKey() + " was published before");
        }
        if (jobs.containsKey(job.id())) {
            throw new ConflictException("job " + job.id() + " exists");
        }
        if (job.idempotencyKey() != null) {
            keys.put(job.idempotencyKey(), job.id());
            writes.incrementAndGet();
        }
        jobs.put(job.id(), job);
        writes.incrementAndGet();
        index(null, job);
    }

    @Override
    public synchronized Optional<String> idForKey(String idempotencyKey) {
        reads.incrementAndGet();
        return Optional.ofNullable(keys.get(idempotencyKey));
    }

    @Override
    public synchronized Optional<Job> get(String id) {
        reads.incrementAndGet();
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Map<String, Job> getAll(Collection<String> ids) {
        Map<String, Job> out = new LinkedHashMap<>();
        for (String id : ids) {
            reads.incrementAndGet();
            Job j = jobs.get(id);
            if (j != null) {
                out.put(id, j);
            }
        }
        return out;
    }

    @Override
    public synchronized void update(Job before, Job after) {
        Job stored = jobs.get(before.id());
        if (stored == null || stored.version() != before.version() || after.version() != before.version() + 1) {
            throw new ConflictException("job " + before.id() + " was changed at the same time by someone else; try again");
        }
        jobs.put(after.id(), after);
        writes.incrementAndGet();
        index(stored, after);
    }

    @Override
    public synchronized void delete(Job job) {
        Job stored = jobs.remove(job.id());
        if (stored == null) {
            return;
        }
        writes.incrementAndGet();
        index(stored, null);
        if (stored.idempotencyKey() != null && stored.id().equals(keys.get(stored.idempotencyKey()))) {
            keys.remove(stored.idempotencyKey());
            writes.incrementAndGet();
        }
        Set<String> edges = dependents.remove(stored.id());
        if (edges != null) {
            writes.addAndGet(edges.size());
        }
    }

    private void index(Job before, Job after) {
        move(ready, before != null && JobIndex.ready(before) ? JobIndex.readyKey(before) : null,
                after != null && JobIndex.ready(after) ? JobIndex.readyKey(after) : null, after);
        move(expiry, before != null && JobIndex.expiring(before) ? JobIndex.expiryKey(before) : null,
                after != null && JobIndex.expiring(after) ? JobIndex.expiryKey(after) : null, after);
        boolean was = before != null && JobIndex.running(before);
        boolean is = after != null && JobIndex.running(after);
        if (was && !is) {
            running.remove(before.id());
            writes.incrementAndGet();
        } else if (is && !was) {
            running.add(after.id());
            writes.incrementAndGet();
        }
    }

    private void move(TreeMap<String, String> index, String oldKey, String newKey, Job after) {
        if (oldKey != null && !oldKey.equals(newKey)) {
            index.remove(oldKey);
            writes.incrementAndGet();
        }
        if (newKey != null && !newKey.equals(oldKey)) {
            index.put(newKey, after.id());
            writes.incrementAndGet();
        }
    }

    @Override
    public synchronized List<Job> ready(Instant now, int limit) {
        List<Job> out = new ArrayList<>();
        for (String id : ready.values()) {
            reads.addAndGet(2);  // the index entry and the job
            Job j = jobs.get(id);
            if (j != null && j.readyAt(now)) {
                out.add(j);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public synchronized List<Job> running() {
        reads.addAndGet(Math.max(1, running.size() * 2L));
        return running.stream().map(jobs::get).toList();
    }

    @Override
    public synchronized List<Job> expiring(Instant now, int limit) {
        List<Job> out = new ArrayList<>();
        for (String id : expiry.headMap(JobIndex.expiryBound(now), true).values()) {
            if (out.size() >= limit) {
                break;
            }
            reads.addAndGet(2);
            out.add(jobs.get(id));
        }
        reads.incrementAndGet();
        return out;
    }

    @Override
    public synchronized JobPage list(JobQuery query) {
        List<Job> out = new ArrayList<>();
        Map<String, Job> older = query.pageToken() == null ? jobs.descendingMap() : jobs.headMap(query.pageToken(), false).descendingMap();
        String last = null;
        for (Job j : older.values()) {
            reads.incrementAndGet();
            if (query.matches(j)) {
                out.add(j);
                last = j.id();
                if (out.size() >= query.limit()) {
                    break;
                }
            }
        }
        boolean more = last != null && out.size() >= query.limit() && !jobs.headMap(last, false).isEmpty();
        return new JobPage(out, more ? last : null);
    }

    @Override
    public synchronized List<Job> all() {
        reads.addAndGet(jobs.size());
        return List.copyOf(jobs.values());
    }
}
