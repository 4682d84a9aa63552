package io.quantsinfra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lambda handler class itself, fed real API Gateway HTTP API (payload 2.0) events, against the
 * emulator: what AWS would invoke, minus the network.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private ApplicationContext context;
    private ApiHandler handler;

    @BeforeAll
    void start(AwsEmulator aws) {
        AwsSettings settings = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"));
        Map<String, String> env = new HashMap<>(settings.toEnvironment());
        env.put(AwsSettings.AWS_RETRIES, "0");
        context = ApplicationContext.builder().singletons(new SettingsOverlay(env, List.of())).start();
        handler = new ApiHandler(context);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private static APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (InputStream in = ApiHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }

    @Test
    void handleRequest_getStatus_answersWithTheInstanceList() throws IOException {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event("get-status.json"), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode body = JSON.readTree(r.getBody());
        assertTrue(body.path("instances").isArray(), r.getBody());
        assertTrue(header(r, "X-Request-Id") != null, () -> r.getHeaders() + " / " + r.getMultiValueHeaders());
    }

    @Test
    void handleRequest_unknownRoute_answersProblemJson404() throws IOException {
        APIGatewayV2HTTPEvent e = event("get-status.json");
        e.setRawPath("/v1/nowhere");
        e.getRequestContext().getHttp().setPath("/v1/nowhere");

        APIGatewayV2HTTPResponse r = handler.handleRequest(e, new TestContext());

        assertEquals(404, r.getStatusCode());
        assertEquals("application/problem+json", header(r, "Content-Type"));
        JsonNode body = JSON.readTree(r.getBody());
        assertEquals("https://quants-infra.dev/problems/not-found", body.path("type").asText());
        assertEquals(404, body.path("status").asInt());
    }

    @Test
    void handleRequest_base64Body_isDecoded_andTheIamCallerIsRecorded() throws IOException {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event("post-deploy.json"), new TestContext());

        // The deploy is recorded in the history with the IAM principal API Gateway authenticated.
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("\"result\":\"changed\""), r.getBody());
        APIGatewayV2HTTPEvent history = event("get-status.json");
        history.setRawPath("/v1/services/data-collector/history");
        history.setRawQueryString("");
        history.setQueryStringParameters(null);
        history.getRequestContext().getHttp().setPath("/v1/services/data-collector/history");
        APIGatewayV2HTTPResponse h = handler.handleRequest(history, new TestContext());
        assertTrue(h.getBody().contains("arn:aws:sts::123456789012:assumed-role/quants-operator/alice"), h.getBody());
    }

    @Test
    void handleRequest_openapi_servesTheGeneratedDocument() throws IOException {
        APIGatewayV2HTTPEvent e = event("get-status.json");
        e.setRawPath("/openapi.yml");
        e.setRawQueryString("");
        e.setQueryStringParameters(null);
        e.getRequestContext().getHttp().setPath("/openapi.yml");
        e.getHeaders().put("accept", "application/yaml, */*");

        APIGatewayV2HTTPResponse r = handler.handleRequest(e, new TestContext());

        assertEquals(200, r.getStatusCode());
        String doc = r.getIsBase64Encoded() ? new String(java.util.Base64.getDecoder().decode(r.getBody())) : r.getBody();
        assertTrue(doc.startsWith("openapi: 3"), doc);
        assertTrue(doc.contains("/v1/services/{service}/deploy"), doc);
    }

    @Test
    void handleRequest_manyTimes_registersNoBeanPerInvocation() throws IOException {
        APIGatewayV2HTTPEvent e = event("get-status.json");
        e.setRawPath("/v1/services");
        e.setRawQueryString("");
        e.setQueryStringParameters(null);
        e.getRequestContext().getHttp().setPath("/v1/services");
        int before = context.getBeanDefinitions(Object.class).size();

        for (int i = 0; i < 50; i++) {
            assertEquals(200, handler.handleRequest(e, new TestContext()).getStatusCode());
        }

        // micronaut-function-aws would register the Lambda Context (and three more) as new singletons each time.
        assertEquals(0, context.getBeanRegistrations(com.amazonaws.services.lambda.runtime.Context.class).size());
        assertEquals(before, context.getBeanDefinitions(Object.class).size());
    }

    private static String header(APIGatewayV2HTTPResponse r, String name) {
        if (r.getHeaders() != null) {
            for (var e : r.getHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().split(";")[0];
                }
            }
        }
        if (r.getMultiValueHeaders() != null) {
            for (var e : r.getMultiValueHeaders().entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst().split(";")[0];
                }
            }
        }
        return null;
    }
}
