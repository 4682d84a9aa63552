package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.health.ContainerHealth;
import io.quantsinfra.core.health.DeploymentFacts;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import io.quantsinfra.core.health.HealthProbe;
import io.quantsinfra.core.health.HealthReport;
import io.quantsinfra.core.health.HealthReport.Status;
import io.quantsinfra.core.health.HealthRules;
import io.quantsinfra.core.health.ProbeResult;
import io.quantsinfra.core.health.TaskFacts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Answers ECS JSON 1.1 calls by {@code X-Amz-Target} from one scenario's fixture files:
 * DescribeServices as recorded, ListTasks as the ARNs of the recorded tasks with the requested
 * desired status, DescribeTasks as the recorded tasks that were asked for.
 */
final class RecordedEcs implements AutoCloseable {
    private static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private volatile String scenario;

    RecordedEcs() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void use(String scenario) {
        this.scenario = scenario;
    }

    private void handle(HttpExchange ex) throws IOException {
        String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = json.readTree(ex.getRequestBody());
        if (!"POST".equals(ex.getRequestMethod()) || !target.startsWith(PREFIX)) {
            respond(ex, 400, "{\"__type\":\"InvalidAction\",\"message\":\"not an ECS call\"}");
            return;
        }
        switch (target.substring(PREFIX.length())) {
            case "DescribeServices" -> respond(ex, 200, json.writeValueAsString(fixture("describe-services.json")));
            case "ListTasks" -> respond(ex, 200, json.writeValueAsString(listTasks(request)));
            case "DescribeTasks" -> respond(ex, 200, json.writeValueAsString(describeTasks(request)));
            default -> respond(ex, 400, "{\"__type\":\"InvalidParameterException\",\"message\":\"unsupported " + target + "\"}");
        }
    }

    private ObjectNode listTasks(JsonNode request) throws IOException {
        String desired = request.path("desiredStatus").asText("RUNNING");
        ObjectNode out = json.createObjectNode();
        ArrayNode arns = out.putArray("taskArns");
        fixture("describe-tasks.json").path("tasks").forEach(t -> {
            if (desired.equals(t.path("desiredStatus").asText())) {
                arns.add(t.path("taskArn").asText());
            }
        });
        return out;
    }

    private ObjectNode describeTasks(JsonNode request) throws IOException {
        Set<String> wanted = new HashSet<>();
        request.path("tasks").forEach(n -> wanted.add(n.asText()));
        ObjectNode out = json.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        fixture("describe-tasks.json").path("tasks").forEach(t -> {
            if (wanted.contains(t.path("taskArn").asText())) {
                tasks.add(t);
            }
        });
        out.putArray("failures");
        return out;
    }

    private JsonNode fixture(String file) throws IOException {
        String path = "/ecs/health/" + scenario + "/" + file;
        try (InputStream in = RecordedEcs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no fixture " + path);
            }
            return json.readTree(in);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
