package io.quantsinfra.testing.emulator;

import java.net.URI;

/**
 * A running AWS emulator: where to send SDK calls and how to reset it.
 *
 * {@snippet :
 * @ExtendWith(AwsEmulatorExtension.class)
 * class EcsPlatformTest {
 *     @Test void registers(AwsEmulator aws) { EcsClient ecs = EcsClient.builder().endpointOverride(aws.endpoint())...; }
 * }
 * }
 */
public interface AwsEmulator {

    /** Base endpoint for every service, e.g. {@code http://127.0.0.1:41234}. */
    URI endpoint();

    /** Region the emulator is used with. */
    default String region() {
        return "us-east-1";
    }

    /** Clears all state. */
    void reset();

    /** A short description for logs: which backend and version. */
    String describe();
}
