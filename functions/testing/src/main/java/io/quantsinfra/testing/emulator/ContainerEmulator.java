package io.quantsinfra.testing.emulator;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * An emulator in a container, started with Testcontainers: LocalStack (which now needs
 * {@code LOCALSTACK_AUTH_TOKEN}) or Floci. Opt-in only, where a Docker engine runs; selecting it without
 * Docker or a token fails the tests rather than skipping them.
 */
final class ContainerEmulator implements AwsEmulator, AutoCloseable {
    private final GenericContainer<?> container;
    private final URI endpoint;
    private final ExternalEmulator api;
    private final String description;

    private ContainerEmulator(GenericContainer<?> container, URI endpoint, String description) {
        this.container = container;
        this.endpoint = endpoint;
        this.api = ExternalEmulator.at(endpoint);
        this.description = description;
    }

    static ContainerEmulator start(String backend) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("QUANTS_INFRA_EMULATOR=" + backend + " needs a Docker engine, and none answers");
        }
        String image = System.getenv("QUANTS_INFRA_EMULATOR_IMAGE");
        if (backend.equals("localstack")) {
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("QUANTS_INFRA_EMULATOR=localstack needs LOCALSTACK_AUTH_TOKEN");
            }
            LocalStackContainer c = new LocalStackContainer(DockerImageName.parse(image != null ? image
                    : "localstack/localstack-pro:4").asCompatibleSubstituteFor("localstack/localstack"))
                    .withEnv("LOCALSTACK_AUTH_TOKEN", token);
            c.start();
            return new ContainerEmulator(c, c.getEndpoint(), "LocalStack " + c.getDockerImageName());
        }
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image != null ? image : "hectorvent/floci:latest"))
                .withExposedPorts(4566).waitingFor(Wait.forListeningPort());
        c.start();
        return new ContainerEmulator(c, URI.create("http://" + c.getHost() + ":" + c.getMappedPort(4566)),
                "Floci " + c.getDockerImageName());
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        api.reset();
    }

    @Override
    public String describe() {
        return description + " at " + endpoint;
    }

    @Override
    public void close() {
        container.stop();
    }
}
