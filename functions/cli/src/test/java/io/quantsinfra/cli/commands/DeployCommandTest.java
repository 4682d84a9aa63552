package io.quantsinfra.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.cli.QuantsInfraCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How deploy reads the rollout: against a stand-in for the API on loopback that answers like the real one
 * does when the ECS circuit breaker rolls a deployment back (the emulator cannot fail a rollout).
 */
class DeployCommandTest {
    private HttpServer api;
    private volatile String rollout = "failed";
    private volatile String taskDefinition = "freqtrade-1:6";

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v1/services/freqtrade/deploy", ex -> respond(ex, """
                {"service":"freqtrade","dryRun":false,"result":"changed","deploymentId":"d1","instances":[
                 {"instance":"freqtrade-1","host":"us-east-1a","action":"update","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/freqtrade-1:7",
                  "changes":["containers[freqtrade].image: \\"a\\" → \\"b\\""],"steps":["registering task definition…","updating service…"]}]}"""));
        api.createContext("/v1/status", ex -> respond(ex, """
                {"instances":[{"instance":"freqtrade-1","service":"freqtrade","health":"unhealthy","desired":1,"running":1,
                 "taskDefinition":"%s","rollout":"%s","rolloutReason":"ECS deployment circuit breaker: tasks failed to start.",
                 "message":"x"}]}""".formatted(taskDefinition, rollout)));
        api.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (var out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        return QuantsInfraCli.run(args, new PrintWriter(out), new PrintWriter(err),
                Map.of("QUANTS_INFRA_ENDPOINT", "http://127.0.0.1:" + api.getAddress().getPort(), "USER", "t"));
    }

    @Test
    void deploy_reportsACircuitBreakerRollbackAsAFailureWithItsReason() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "deploy", "--service", "freqtrade");

        assertEquals(1, exit, out + "\n" + err);
        assertTrue(err.toString().contains("rolled back"), err::toString);
        assertTrue(err.toString().contains("circuit breaker: tasks failed to start"), err::toString);
        assertTrue(out.toString().contains("[1/1] freqtrade-1: rollout FAILED"), out::toString);
    }

    @Test
    void deploy_reportsARollbackThatAlreadyFinished_byTheTaskDefinitionItSettledOn() {
        rollout = "completed";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "deploy", "--service", "freqtrade");

        assertEquals(1, exit, out + "\n" + err);
        assertTrue(err.toString().contains("rolled back to freqtrade-1:6"), err::toString);
    }

    @Test
    void deploy_succeeds_whenTheRolloutCompletesOnTheNewRevision() {
        rollout = "completed";
        taskDefinition = "freqtrade-1:7";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "deploy", "--service", "freqtrade");

        assertEquals(0, exit, out + "\n" + err);
        assertTrue(out.toString().contains("rollout completed"), out::toString);
    }

    @Test
    void deploy_timesOutWithExitFive_whenTheRolloutNeverFinishes() {
        rollout = "in_progress";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, "deploy", "--service", "freqtrade", "--timeout", "1s");

        assertEquals(5, exit, out + "\n" + err);
        assertTrue(err.toString().contains("timed out"), err::toString);
    }
}
