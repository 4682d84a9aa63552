package io.quantsinfra.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.error.UpstreamException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The asynchronous invoke as Lambda's REST API receives it, on a loopback server standing in for Lambda. */
class LambdaEventInvokerTest {
    record Received(String method, String path, Map<String, List<String>> headers, String body) {}

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(202);
    LambdaEventInvoker invoker;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = status.get() == 202 ? new byte[0]
                    : "{\"Type\":\"User\",\"message\":\"User is not authorized to perform: lambda:InvokeFunction\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        invoker = new LambdaEventInvoker(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void stop() {
        invoker.close();
        server.stop(0);
    }

    @Test
    void invoke_postsTheEventToTheAliasesInvocations_asAnAsynchronousInvoke() {
        invoker.invoke("quants-infra-ControlPlane-job-dispatch:live", "{\"source\":\"quants-infra.publish\"}");

        assertEquals(1, received.size());
        Received r = received.getFirst();
        assertEquals("POST", r.method());
        assertEquals("/2015-03-31/functions/quants-infra-ControlPlane-job-dispatch%3Alive/invocations", r.path());
        assertEquals(List.of("Event"), r.headers().get("X-amz-invocation-type"));
        assertEquals("{\"source\":\"quants-infra.publish\"}", r.body());
    }

    @Test
    void invoke_signsForLambdaInTheRegion() {
        invoker.invoke("job-dispatch", "{}");

        String auth = received.getFirst().headers().get("Authorization").getFirst();
        assertTrue(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), auth);
        assertTrue(auth.contains("/us-east-1/lambda/aws4_request"), auth);
        assertTrue(auth.contains("x-amz-invocation-type"), "the invocation type is signed: " + auth);
    }

    @Test
    void invoke_refused_isAnUpstreamFailure_namingTheStatusAndLambdasMessage() {
        status.set(403);
        UpstreamException e = assertThrows(UpstreamException.class, () -> invoker.invoke("job-dispatch", "{}"));
        assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("not authorized"), e.getMessage());
    }

    @Test
    void invoke_withNothingListening_isAnUpstreamFailure() {
        server.stop(0);
        assertThrows(UpstreamException.class, () -> invoker.invoke("job-dispatch", "{}"));
    }
}
