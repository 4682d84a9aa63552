package io.quantsinfra.core.deploy;

import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.catalog.ServiceType;

/**
 * Work a service needs done before its instances change, e.g. the monitor's Prometheus configuration
 * published before Prometheus starts. Runs only for deploys that change something, never for dry runs.
 */
public interface DeployHook {
    void beforeDeploy(ServiceType type, ServiceConfig config);
}
