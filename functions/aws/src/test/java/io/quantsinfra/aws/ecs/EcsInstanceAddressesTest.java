package io.quantsinfra.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.deploy.TaskSpec.ContainerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which port of a task definition the discovered scrape target uses. */
class EcsInstanceAddressesTest {
    private static ContainerSpec container(String name, List<Integer> ports) {
        return new ContainerSpec(name, "img:1", true, ports, Map.of(), List.of(), List.of(), null, 64, List.of(), List.of());
    }

    @Test
    void ports_areThoseOfTheFirstContainerThatHasAny() {
        TaskSpec spec = new TaskSpec("data-collector-1", 256, 512,
                List.of(container("sidecar", List.of()), container("data-collector", List.of(9191))), List.of(),
                "/quants-infra/data-collector", "data-collector-1", Map.of());
        assertEquals(List.of(9191), EcsInstanceAddresses.ports(spec));
    }

    @Test
    void ports_areNoneForATaskDefinitionWithoutPorts() {
        assertEquals(List.of(), EcsInstanceAddresses.ports(new TaskSpec("x-1", 256, 512, List.of(container("x", List.of())),
                List.of(), "/g", "x-1", Map.of())));
    }
}
