package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** The probe goes only to a plain task IP that ECS reports; nothing else can steer it to another host. */
class ProbeTargetTest {
    static Task running(String address) {
        return Task.builder().lastStatus("RUNNING").attachments(Attachment.builder().type("ElasticNetworkInterface")
                .details(KeyValuePair.builder().name("privateIPv4Address").value(address).build()).build()).build();
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("private ENI address", "10.0.1.23", Optional.of("10.0.1.23")),
                Arguments.of("metadata service", "169.254.169.254", Optional.empty()),
                Arguments.of("ECS task metadata endpoint", "169.254.170.2", Optional.empty()),
                Arguments.of("loopback", "127.0.0.1", Optional.empty()),
                Arguments.of("a host name", "evil.example.com", Optional.empty()),
                Arguments.of("decimal spelling", "167772161", Optional.empty()),
                Arguments.of("blank", " ", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void privateIpv4_isOnlyAPlainTaskAddress(String name, String address, Optional<String> expected) {
        assertEquals(expected, EcsHealthFacts.privateIpv4(running(address)), name);
    }
}
