package io.quantsinfra.aws.dynamodb;

import io.quantsinfra.core.job.Job;
import io.quantsinfra.core.job.JobDefinition;
import io.quantsinfra.core.job.JobPage;
import io.quantsinfra.core.job.JobQuery;
import io.quantsinfra.core.job.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Jobs in the single state table, no secondary index needed (see jobs-contract / package docs for the layout).
 */
public final class DynamoDbJobStore implements JobStore {
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

    @Override public void saveDefinition(JobDefinition definition) { throw new UnsupportedOperationException("in progress"); }
    @Override public Optional<JobDefinition> definition(String name) { throw new UnsupportedOperationException("in progress"); }
    @Override public List<JobDefinition> definitions() { throw new UnsupportedOperationException("in progress"); }
    @Override public void addDependents(String child, Collection<String> parents) { throw new UnsupportedOperationException("in progress"); }
    @Override public List<String> dependents(String parent) { throw new UnsupportedOperationException("in progress"); }
    @Override public void insert(Job job) { throw new UnsupportedOperationException("in progress"); }
    @Override public Optional<String> idForKey(String idempotencyKey) { throw new UnsupportedOperationException("in progress"); }
    @Override public Optional<Job> get(String id) { throw new UnsupportedOperationException("in progress"); }
    @Override public Map<String, Job> getAll(Collection<String> ids) { throw new UnsupportedOperationException("in progress"); }
    @Override public void update(Job before, Job after) { throw new UnsupportedOperationException("in progress"); }
    @Override public void delete(Job job) { throw new UnsupportedOperationException("in progress"); }
    @Override public List<Job> ready(Instant now, int limit) { throw new UnsupportedOperationException("in progress"); }
    @Override public List<Job> running() { throw new UnsupportedOperationException("in progress"); }
    @Override public List<Job> expiring(Instant now, int limit) { throw new UnsupportedOperationException("in progress"); }
    @Override public JobPage list(JobQuery query) { throw new UnsupportedOperationException("in progress"); }
    @Override public List<Job> all() { throw new UnsupportedOperationException("in progress"); }
}
