package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.core.health.EndpointProbe;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.health.HealthEndpoint.Reading;
import io.quantsinfra.core.health.ProbeResult;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code QUANTS_INFRA_HEALTH_PROBE}: the one place every handler's probe comes from. */
class ProbeSwitchTest {
    private static AwsSettings settings(String probe) {
        Map<String, String> env = new HashMap<>(Map.of(AwsSettings.SUBNETS, "subnet-1=us-east-1a",
                AwsSettings.SECURITY_GROUPS, "sg-1"));
        if (probe != null) {
            env.put(AwsSettings.HEALTH_PROBE, probe);
        }
        return AwsSettings.from(env);
    }

    @Test
    void probe_whenSwitchedOff_sendsNothing_andSaysWhy() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            HealthEndpoint endpoint = new HealthEndpoint("data-collector", server.getAddress().getPort(), "/metrics",
                    Reading.PROMETHEUS_METRICS);

            List<EndpointProbe> off = EcsHealthSource.probe(settings("false")).probe("127.0.0.1", List.of(endpoint));
            List<EndpointProbe> on = EcsHealthSource.probe(settings(null)).probe("127.0.0.1", List.of(endpoint));

            assertEquals(new ProbeResult.NotProbed(EcsHealthSource.PROBING_OFF), off.getFirst().result());
            assertInstanceOf(ProbeResult.Answered.class, on.getFirst().result());
            assertEquals(1, requests.get(), "only the probe that is on sent a request");
        } finally {
            server.stop(0);
        }
    }
}
