package io.quantsinfra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A silence's author is the IAM principal API Gateway authenticated, taken from the payload-2.0 request context,
 * never from the body or a header: fed the real event shape the Lambda receives, against the emulator.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceAuthorTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/quants-operator/alice";
    private ApplicationContext context;
    private ApiHandler handler;

    @BeforeAll
    void start(AwsEmulator aws) {
        aws.reset();
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

    /** The recorded silence event, with {@code author} set in its body when not null. */
    private static APIGatewayV2HTTPEvent silence(String author) throws IOException {
        APIGatewayV2HTTPEvent e;
        try (InputStream in = SilenceAuthorTest.class.getResourceAsStream("/events/post-silence.json")) {
            e = JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        }
        if (author != null) {
            ObjectNode body = (ObjectNode) JSON.readTree(e.getBody());
            body.put("author", author);
            e.setBody(body.toString());
            e.getHeaders().put("content-length", Integer.toString(e.getBody().length()));
        }
        return e;
    }

    private JsonNode listed() throws IOException {
        APIGatewayV2HTTPEvent e = silence(null);
        e.setBody(null);
        e.getHeaders().remove("content-length");
        e.getHeaders().remove("content-type");
        e.getRequestContext().getHttp().setMethod("GET");
        APIGatewayV2HTTPResponse r = handler.handleRequest(e, new TestContext());
        assertEquals(200, r.getStatusCode(), r.getBody());
        return JSON.readTree(r.getBody()).path("silences");
    }

    @Test
    void add_recordsTheIamPrincipal_notTheActorHeader() throws IOException {
        APIGatewayV2HTTPResponse r = handler.handleRequest(silence(null), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode body = JSON.readTree(r.getBody());
        assertEquals(ALICE, body.path("createdBy").asText(), "the event carries x-quants-infra-actor: mallory as well");
    }

    @Test
    void add_withTheCallersOwnIdentityAsAuthor_isAccepted() throws IOException {
        APIGatewayV2HTTPResponse r = handler.handleRequest(silence(ALICE), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(ALICE, JSON.readTree(r.getBody()).path("createdBy").asText());
    }

    @Test
    void add_inSomeoneElsesName_isRefused_andStoresNothing() throws IOException {
        int before = listed().size();

        APIGatewayV2HTTPResponse r = handler.handleRequest(silence("bob"), new TestContext());

        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode problem = JSON.readTree(r.getBody());
        assertEquals("author", problem.path("field").asText(), r.getBody());
        assertTrue(problem.path("detail").asText().contains(ALICE), r.getBody());
        assertEquals(before, listed().size());
        listed().forEach(s -> assertEquals(ALICE, s.path("createdBy").asText()));
    }
}
