package io.quantsinfra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.quantsinfra.api.telemetry.ApiMetrics;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsCallRecorder;
import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.FunctionCallLog;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.aws.telemetry.ControlPlaneMetrics;
import io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * The API handler with metrics on and off, against the emulator: on, what a request recorded is in CloudWatch when
 * {@code handleRequest} returns; off, no metrics bean exists and no PutMetricData is made.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AwsCallRecorder onCalls = new AwsCallRecorder();
    private final AwsCallRecorder offCalls = new AwsCallRecorder();
    private AwsSettings account;
    private ApplicationContext on;
    private ApplicationContext off;
    private CloudWatchClient cw;

    @BeforeAll
    void start(AwsEmulator aws) {
        aws.reset();
        account = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"));
        on = context(true, onCalls);
        off = context(false, offCalls);
        cw = new AwsClients(account).cloudWatch();
    }

    private ApplicationContext context(boolean metrics, AwsCallRecorder recorder) {
        Map<String, String> env = new HashMap<>(account.toEnvironment());
        env.put(AwsSettings.METRICS, Boolean.toString(metrics));
        // With metrics on, the API's calls (PutMetricData among them) go to the log the IAM check and the shrunk-jar
        // replay read (infra-cdk's iam/ and artifacts/): the role must allow what the flush sends.
        List<ExecutionInterceptor> interceptors = metrics ? List.of(recorder, FunctionCallLog.always("api")) : List.of(recorder);
        return ApplicationContext.builder().singletons(new SettingsOverlay(env, interceptors))
                .properties(ApiMetrics.properties(AwsSettings.from(env))).start();
    }

    @BeforeEach
    void clear() {
        onCalls.clear();
        offCalls.clear();
    }

    @AfterAll
    void stop() {
        on.close();
        off.close();
        cw.close();
    }

    private static APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (InputStream in = ApiHandlerMetricsTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }

    private static List<PutMetricDataRequest> puts(AwsCallRecorder recorder) {
        return recorder.calls().stream().filter(c -> c.operation().equals("PutMetricData"))
                .map(c -> (PutMetricDataRequest) c.request()).toList();
    }

    /** SampleCount of a series over the last 10 minutes (0 when it has no datapoint). */
    private double samples(String name, String... dims) {
        List<Dimension> d = new ArrayList<>();
        for (int i = 0; i < dims.length; i += 2) {
            d.add(Dimension.builder().name(dims[i]).value(dims[i + 1]).build());
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return cw.getMetricData(q -> q.startTime(end.minus(Duration.ofMinutes(10))).endTime(end)
                        .metricDataQueries(MetricDataQuery.builder().id("m").metricStat(s -> s.stat("SampleCount").period(60)
                                .metric(m -> m.namespace(ControlPlaneMetrics.NAMESPACE).metricName(name).dimensions(d))).build()))
                .metricDataResults().getFirst().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static boolean hasServerMetricsFilter(ApplicationContext context) {
        return context.getAllBeanDefinitions().stream().anyMatch(d -> d.getBeanType().getSimpleName().equals("ServerMetricsFilter"));
    }

    @Test
    void metricsOn_theRequestIsInCloudWatch_whenHandleRequestReturns() throws IOException {
        double before = samples(ControlPlaneMetrics.API_REQUEST, "route", "/v1/status", "method", "GET", "status", "2xx");

        APIGatewayV2HTTPResponse r = new ApiHandler(on).handleRequest(event("get-status.json"), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(before + 1, samples(ControlPlaneMetrics.API_REQUEST, "route", "/v1/status", "method", "GET", "status", "2xx"));
        List<PutMetricDataRequest> puts = puts(onCalls);
        assertEquals(1, puts.size(), "one PutMetricData per invocation");
        MetricDatum d = puts.getFirst().metricData().getFirst();
        assertEquals(ControlPlaneMetrics.API_REQUEST, d.metricName());
        assertEquals(List.of("method", "route", "status"), d.dimensions().stream().map(Dimension::name).sorted().toList());
    }

    @Test
    void priming_callsNoAws_andLeavesNoMeter_soTheFirstRealRequestPublishesOnlyItself() throws IOException {
        ApiHandler handler = new ApiHandler(on);
        handler.prime();
        handler.prime();
        assertEquals(List.of(), onCalls.calls().stream().map(c -> c.operation()).toList(), "priming made AWS calls");

        APIGatewayV2HTTPResponse r = handler.handleRequest(event("get-status.json"), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        List<String> routes = puts(onCalls).stream().flatMap(p -> p.metricData().stream())
                .flatMap(d -> d.dimensions().stream()).filter(d -> d.name().equals("route")).map(Dimension::value).toList();
        assertEquals(List.of("/v1/status"), routes, "the priming request was published as traffic");
    }

    @Test
    void priming_withMetricsOff_callsNoAws() {
        new ApiHandler(off).prime();
        assertEquals(List.of(), offCalls.calls().stream().map(c -> c.operation()).toList(), "priming made AWS calls");
    }

    @Test
    void metricsOn_anUnknownRoute_isCountedAsNotFound4xx() throws IOException {
        APIGatewayV2HTTPEvent e = event("get-status.json");
        e.setRawPath("/v1/nowhere/" + System.nanoTime());
        e.getRequestContext().getHttp().setPath(e.getRawPath());

        APIGatewayV2HTTPResponse r = new ApiHandler(on).handleRequest(e, new TestContext());

        assertEquals(404, r.getStatusCode());
        MetricDatum d = puts(onCalls).getFirst().metricData().getFirst();
        assertTrue(d.dimensions().contains(Dimension.builder().name("route").value("NOT_FOUND").build()), d::toString);
        assertTrue(d.dimensions().contains(Dimension.builder().name("status").value("4xx").build()), d::toString);
    }

    @Test
    void metricsOn_aDeploy_isCountedByResult_inTheSameFlush() throws IOException {
        double before = samples(ControlPlaneMetrics.DEPLOY, "result", "changed");

        APIGatewayV2HTTPResponse r = new ApiHandler(on).handleRequest(event("post-deploy.json"), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(before + 1, samples(ControlPlaneMetrics.DEPLOY, "result", "changed"));
        assertEquals(1, puts(onCalls).size());
        assertEquals(List.of(ControlPlaneMetrics.API_REQUEST, ControlPlaneMetrics.DEPLOY),
                puts(onCalls).getFirst().metricData().stream().map(MetricDatum::metricName).sorted().toList());
    }

    @Test
    void metricsOff_makesNoPutMetricData_andHasNoMetricsBeans() throws IOException {
        APIGatewayV2HTTPResponse r = new ApiHandler(off).handleRequest(event("get-status.json"), new TestContext());

        assertEquals(200, r.getStatusCode(), r.getBody());
        assertFalse(offCalls.calls().isEmpty(), "the request did call AWS");
        assertEquals(List.of(), puts(offCalls));
        assertFalse(off.containsBean(FlushingCloudWatchMeterRegistry.class));
        assertFalse(hasServerMetricsFilter(off), "Micronaut's HTTP metrics filter is not even registered");
        assertTrue(hasServerMetricsFilter(on));
    }
}
