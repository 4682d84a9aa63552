package io.quantsinfra.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantsinfra.cli.CliException;
import io.quantsinfra.cli.http.ApiClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Waits for instances' rollouts by polling the status endpoint: done when every instance's primary
 * deployment completed with running == desired; a rollout the circuit breaker rolled back is a failure.
 */
final class RolloutWatch {
    static final Duration POLL = Duration.ofSeconds(2);
    private final ApiClient client;
    private final String service;
    private final List<String> instances;
    private final Duration timeout;
    private final PrintWriter out;
    private final java.util.Map<String, String> expected;

    RolloutWatch(ApiClient client, String service, List<String> instances, Duration timeout, PrintWriter out) {
        this(client, service, instances, java.util.Map.of(), timeout, out);
    }

    /**
     * @param expected per instance, the task definition ({@code family:revision}) the rollout should end on; an
     *     instance that settles on another one was rolled back
     */
    RolloutWatch(ApiClient client, String service, List<String> instances, java.util.Map<String, String> expected,
                 Duration timeout, PrintWriter out) {
        this.client = client;
        this.service = service;
        this.instances = instances;
        this.expected = java.util.Map.copyOf(expected);
        this.timeout = timeout;
        this.out = out;
    }

    /** A rollout that ECS's circuit breaker rolled back: the one failure worth undoing a change for. */
    static final class RolloutFailedException extends CliException {
        RolloutFailedException(String message) {
            super(CliException.FAILED, message);
        }
    }

    void await() {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> pending = new LinkedHashSet<>(instances);
        List<String> failures = new ArrayList<>();
        while (true) {
            JsonNode status = client.get(service == null ? "/v1/status" : "/v1/status?service=" + Paths.query(service));
            for (JsonNode inst : status.path("instances")) {
                String id = inst.path("instance").asText();
                if (pending.contains(id) && settled(id, inst, failures)) {
                    pending.remove(id);
                }
            }
            out.flush();
            if (pending.isEmpty()) {
                break;
            }
            pause(deadline, pending);
        }
        if (!failures.isEmpty()) {
            throw new RolloutFailedException("deployment failed and was rolled back: " + String.join("; ", failures));
        }
    }

    /**
     * Whether one instance's rollout is over, printing how it ended and adding a failure to {@code failures}. A
     * finished rollout on another task definition than the deploy registered is a failure too: the circuit breaker
     * rolled back and the old deployment completed.
     */
    private boolean settled(String id, JsonNode inst, List<String> failures) {
        String rollout = inst.path("rollout").asText();
        String progress = "[" + (instances.indexOf(id) + 1) + "/" + instances.size() + "] " + id + ": ";
        boolean finished = rollout.equals("completed") || rollout.equals("none");
        if (rollout.equals("failed")) {
            failures.add(id + ": " + inst.path("rolloutReason").asText("rolled back"));
            out.println(progress + "rollout FAILED — " + inst.path("rolloutReason").asText());
            return true;
        }
        if (finished && expected.containsKey(id) && !expected.get(id).equals(inst.path("taskDefinition").asText())) {
            failures.add(id + ": rolled back to " + inst.path("taskDefinition").asText());
            out.println(progress + "rollout FAILED — rolled back to " + inst.path("taskDefinition").asText());
            return true;
        }
        if (finished && inst.path("running").asInt() == inst.path("desired").asInt()) {
            out.println(progress + "rollout completed (" + inst.path("running").asInt() + "/"
                    + inst.path("desired").asInt() + " running)");
            return true;
        }
        return false;
    }

    /** Waits one poll, or gives up past the deadline naming what is still rolling out. */
    private void pause(Instant deadline, Set<String> pending) {
        if (Instant.now().isAfter(deadline)) {
            throw new CliException(CliException.TIMEOUT, "timed out after " + timeout.toSeconds() + "s waiting for "
                    + String.join(", ", pending) + " to roll out; check 'quants-infra status"
                    + (service == null ? "" : " --service " + service) + "'");
        }
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.FAILED, "interrupted while waiting for the rollout");
        }
    }
}
