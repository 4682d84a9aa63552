package io.quantsinfra.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionsTest {
    private final JobFixture f = new JobFixture();

    @Test
    void define_registersAFargateTaskDefinition_withSecretsAsValueFrom() {
        JobDefinition d = f.service.define(Map.of("name", "fetch", "image", "python:3.12-slim",
                "command", List.of("python", "fetch.py"), "cpu", 512, "memory", 1024, "environment", Map.of("MODE", "live"),
                "secrets", Map.of("API_KEY", Map.of("secretRef", "binance-main", "jsonKey", "key")), "timeout", "30m",
                "max_retries", 2));
        TaskSpec spec = f.runner.registered().get(d.taskDefinitionArn());
        assertEquals("job-fetch", spec.family());
        assertEquals(512, spec.cpu());
        assertEquals("/quants-infra/jobs", spec.logGroup());
        assertEquals("fetch", spec.logStreamPrefix());
        TaskSpec.ContainerSpec c = spec.containers().getFirst();
        assertEquals("job", c.name());
        assertEquals(List.of(new TaskSpec.SecretEnv("API_KEY",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:quants-infra/binance-main:key::")), c.secrets());
        assertEquals(Map.of("managed-by", "quants-infra", "quants-infra:job-definition", "fetch"), spec.tags());
        assertEquals(Duration.ofMinutes(30), d.timeout());
        assertEquals(d, f.service.definition("fetch"));
    }

    @Test
    void define_reportsEveryProblem_andNeverEchoesALiteralSecret() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.define(Map.of("name", "Bad_Name",
                "cpu", 256, "memory", 4096, "environment", Map.of("QUANTS_INFRA_JOB_PAYLOAD", "x"),
                "secrets", Map.of("API_KEY", "hunter2-super-secret"), "preset", "cobol")));
        List<String> fields = e.problems().stream().map(InvalidInputException.Problem::field).toList();
        assertTrue(fields.containsAll(List.of("name", "image", "memory", "environment.QUANTS_INFRA_JOB_PAYLOAD",
                "secrets.API_KEY", "preset")), fields.toString());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(f.service.definitions().isEmpty());
    }

    @Test
    void define_withAMissingSecret_isNotFound_andStoresNothing() {
        assertThrows(NotFoundException.class, () -> f.service.define(Map.of("name", "fetch", "image", "busybox",
                "secrets", Map.of("API_KEY", Map.of("secretRef", "missing")))));
        assertTrue(f.service.definitions().isEmpty());
    }

    @Test
    void freqtradeBacktest_runsTheLauncherInTheOfficialImage_withTheCollectorEfsMounted() {
        JobDefinition d = f.service.define(Map.of("name", "bt", "preset", "freqtrade-backtest"));
        TaskSpec spec = f.runner.registered().get(d.taskDefinitionArn());
        TaskSpec.ContainerSpec c = spec.containers().getFirst();
        assertEquals("freqtradeorg/freqtrade:stable", c.image());
        assertEquals(List.of("python3", "-c", Preset.LAUNCHER), c.entryPoint());
        assertEquals(List.of("backtesting"), c.command());
        assertEquals(List.of(new TaskSpec.MountSpec("collector-data", "/mnt/collector", false)), c.mounts());
        assertEquals("fs-1234", spec.volumes().getFirst().efsFileSystemId());
        assertEquals(1024, spec.cpu());
    }

    @Test
    void freqtradePreset_refusesACommandOfItsOwn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.define(Map.of("name", "bt",
                "preset", "freqtrade-download-data", "command", List.of("sh"))));
        assertEquals("command", e.field());
    }

    @Test
    void define_refusesALiteralUnderASecretLikeName_withoutEchoingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.service.define(Map.of("name", "fetch",
                "image", "busybox", "environment", Map.of("API_SECRET", "sk-live-abcdef", "MODE", "live"))));
        assertTrue(e instanceof io.quantsinfra.core.error.LiteralSecretException, e.getClass().getName());
        assertEquals("environment.API_SECRET", e.field());
        assertFalse(e.getMessage().contains("sk-live"), e.getMessage());
    }
}
