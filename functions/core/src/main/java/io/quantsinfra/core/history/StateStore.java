package io.quantsinfra.core.history;

import io.quantsinfra.core.catalog.ServiceConfig;
import io.quantsinfra.core.deploy.Overrides;
import java.util.List;
import java.util.Optional;

/**
 * Port: the control plane's own state (DynamoDB on AWS): deployment history and each service's last
 * deployed config, which {@code scale} uses for new instances.
 */
public interface StateStore {

    /** Appends a history entry. */
    void record(DeploymentRecord entry);

    /** The newest {@code limit} entries of {@code service}, newest first. */
    List<DeploymentRecord> history(String service, int limit);

    /** Saves the config and overrides that a service's instances run. */
    void saveDeployed(DeployedConfig deployed);

    /** The config a service's instances run, if it was ever deployed. */
    Optional<DeployedConfig> deployed(String service);

    /** Forgets a service's deployed config (on destroy). History is kept. */
    void forgetDeployed(String service);

    /** A service's deployed config. */
    record DeployedConfig(ServiceConfig config, Overrides overrides) {}
}
