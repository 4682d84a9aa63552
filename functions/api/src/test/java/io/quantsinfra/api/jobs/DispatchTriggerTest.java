package io.quantsinfra.api.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.lambda.LambdaEventInvoker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** After a publish on AWS: the dispatcher Lambda is invoked; a failed invoke never fails the publish. */
class DispatchTriggerTest {
    static LambdaEventInvoker invoker(int port) {
        return new LambdaEventInvoker(URI.create("http://127.0.0.1:" + port), "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void lambdaTrigger_invokesTheDispatcherOnce_andSaysSo() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", e -> {
            calls.incrementAndGet();
            e.getRequestBody().readAllBytes();
            e.sendResponseHeaders(202, -1);
            e.close();
        });
        server.start();
        try (LambdaEventInvoker invoker = invoker(server.getAddress().getPort())) {
            Map<String, Object> r = new DispatchTrigger.Lambda(invoker, "qi-job-dispatch:live").afterPublish();
            assertEquals(Map.of("mode", "lambda", "invoked", "qi-job-dispatch:live"), r);
            assertEquals(1, calls.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void lambdaTrigger_whenLambdaCannotBeReached_reportsIt_withoutThrowing() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (LambdaEventInvoker invoker = invoker(port)) {
            Map<String, Object> r = new DispatchTrigger.Lambda(invoker, "qi-job-dispatch:live").afterPublish();
            assertEquals("lambda", r.get("mode"));
            assertTrue(String.valueOf(r.get("error")).contains("schedule starts the jobs"), r.toString());
        }
    }
}
