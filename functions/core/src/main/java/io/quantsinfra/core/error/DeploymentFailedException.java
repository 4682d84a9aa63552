package io.quantsinfra.core.error;

/** A rollout was started and failed, e.g. the ECS deployment circuit breaker rolled it back. */
public final class DeploymentFailedException extends QuantsInfraException {
    public DeploymentFailedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.DEPLOYMENT_FAILED;
    }
}
