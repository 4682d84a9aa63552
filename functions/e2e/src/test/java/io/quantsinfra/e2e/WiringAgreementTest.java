package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.quantsinfra.api.rotation.SecretsRotationHandler;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.AwsWiring;
import io.quantsinfra.scheduled.ScheduledWiring;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every handler — the API (its Micronaut context), the scheduled alert evaluation and health probe, the rotation
 * Lambda — builds its clients and services through {@link AwsWiring} from the same environment, and so reads the same
 * settings: the same health-probe switch, egress policy, retries, region, endpoint and client timeouts. Each handler
 * is built as its Lambda entry builds it, from one environment; their effective settings must be equal. Nothing here
 * calls AWS (the endpoint is a loopback port nothing listens on).
 */
class WiringAgreementTest {

    /** An environment that differs from every default, so a handler falling back to a default shows. */
    private static Map<String, String> environment(boolean probe) {
        Map<String, String> env = new HashMap<>();
        env.put(AwsSettings.REGION, "eu-west-3");
        env.put(AwsSettings.ENDPOINT, "http://127.0.0.1:9");
        env.put(AwsSettings.CLUSTER, "agreement");
        env.put(AwsSettings.SUBNETS, "subnet-1=eu-west-3a,subnet-2=eu-west-3b");
        env.put(AwsSettings.SECURITY_GROUPS, "sg-agreement");
        env.put(AwsSettings.TABLE, "agreement-state");
        env.put(AwsSettings.SECRET_PREFIX, "agreement/");
        env.put(AwsSettings.MONITOR_BUCKET, "agreement-monitor");
        env.put(AwsSettings.AWS_RETRIES, "1");
        env.put(AwsSettings.HEALTH_PROBE, Boolean.toString(probe));
        env.put(AwsSettings.EGRESS_ALLOW, "10.20.3.0/24");
        env.put(AwsSettings.VPC_CIDRS, "10.20.0.0/16");
        env.put(AwsSettings.DOCS_URL, "https://docs.example.org/quants-infra");
        return env;
    }

    @Test
    void theApiTheScheduledHandlersAndRotationAgreeOnEverySetting() {
        for (boolean probe : List.of(true, false)) {
            Map<String, String> env = environment(probe);
            try (ApplicationContext api = ApplicationContext.builder()
                    .singletons(new SettingsOverlay(env, List.of())).start();
                 ScheduledWiring scheduled = ScheduledWiring.fromEnvironment(env)) {
                AwsWiring.Effective fromApi = api.getBean(AwsWiring.class).effective();
                AwsWiring.Effective fromScheduled = scheduled.wiring().effective();
                SecretsRotationHandler rotation = new SecretsRotationHandler(AwsSettings.from(env));
                AwsWiring.Effective fromRotation = rotation.wiring().effective();
                rotation.wiring().close();

                assertEquals(fromApi, fromScheduled, "the API and the scheduled handlers disagree");
                assertEquals(fromApi, fromRotation, "the API and the rotation Lambda disagree");
                assertEquals(probe, fromScheduled.probeInstances(), "the scheduled probe ignores " + AwsSettings.HEALTH_PROBE);
                assertEquals("eu-west-3", fromApi.region());
                assertEquals(1, fromApi.retries());
                assertTrue(fromApi.sharedClients(), "every handler builds each service's client once");
            }
        }
    }

    @Test
    void theComparisonSeesADifferentProbeSwitch() {
        try (ScheduledWiring on = ScheduledWiring.fromEnvironment(environment(true));
             ScheduledWiring off = ScheduledWiring.fromEnvironment(environment(false))) {
            assertNotEquals(on.wiring().effective(), off.wiring().effective());
            assertFalse(off.wiring().effective().probeInstances());
        }
    }

    @Test
    void theApiHandsOutTheWiringsServicesAndOneClientPerService() {
        try (ApplicationContext api = ApplicationContext.builder()
                .singletons(new SettingsOverlay(environment(true), List.of())).start()) {
            AwsWiring wiring = api.getBean(AwsWiring.class);
            assertSame(wiring.status(), api.getBean(io.quantsinfra.core.status.StatusService.class));
            assertSame(wiring.platform(), api.getBean(io.quantsinfra.core.deploy.ContainerPlatform.class));
            assertSame(wiring.clients().dynamoDb(), wiring.clients().dynamoDb());
            assertSame(wiring.clients().ecs(), api.getBean(software.amazon.awssdk.services.ecs.EcsClient.class));
        }
    }
}
