package io.quantsinfra.core.catalog;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.health.HealthEndpoint;
import io.quantsinfra.core.secret.SecretResolver;
import java.util.List;
import java.util.Map;

/** PLACEHOLDER until the catalogue lands. */
public final class MonitorService implements ServiceType {
    @Override public String name() { return "monitor"; }
    @Override public String defaultImage() { return "prom/prometheus:v2.48.0"; }
    @Override public int defaultPort() { return 9090; }
    @Override public ServiceConfig validate(Map<String, Object> raw) { throw new UnsupportedOperationException(); }
    @Override public TaskSpec taskSpec(InstanceId instance, ServiceConfig config, Overrides overrides, PlatformContext platform, SecretResolver secrets) { throw new UnsupportedOperationException(); }
    @Override public List<HealthEndpoint> healthEndpoints(ServiceConfig config, Overrides overrides) { return List.of(); }
}
