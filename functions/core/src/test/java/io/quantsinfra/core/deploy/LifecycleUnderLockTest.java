package io.quantsinfra.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.evaluation.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every lifecycle change decides on what it reads after taking the service lock. Each test lets another change
 * finish at the moment the lock is taken (the racer that held it just before), and checks the operation acted on
 * what exists then, not on what it saw first.
 */
class LifecycleUnderLockTest {
    private final InMemoryPlatform platform = new InMemoryPlatform();
    private final InMemoryState state = new InMemoryState();
    private final InterleavingLease lease = new InterleavingLease(state);
    private final LifecycleService lifecycle = new LifecycleService(ServiceCatalog.standard(), platform,
            new ConfiguredNetwork(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b")), state, state, state,
            new PlatformContext("/quants-infra", null, null, "bucket", "us-east-1"),
            Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC), 4, List.of(), lease);

    /** A lease that runs {@code racer} just before it is granted, and notes what the state was when it was released. */
    private static final class InterleavingLease implements Lease {
        private final InMemoryState inner;
        Runnable racer = () -> { };
        final List<Boolean> configStoredAtRelease = new ArrayList<>();

        InterleavingLease(InMemoryState inner) {
            this.inner = inner;
        }

        @Override
        public boolean acquire(String name, String owner, Instant now, Duration ttl) {
            Runnable r = racer;
            racer = () -> { };
            r.run();
            return inner.acquire(name, owner, now, ttl);
        }

        @Override
        public void release(String name, String owner) {
            configStoredAtRelease.add(inner.deployed.containsKey("data-collector"));
            inner.release(name, owner);
        }
    }

    private void deploy(int interval, String... hosts) {
        lifecycle.deploy(new DeployRequest("data-collector", Arrays.asList(hosts),
                Map.of("pairs", List.of("BTC-USDT"), "interval", interval), Overrides.NONE, false, false, false, "tester"));
    }

    /** What a destroy that finished just before the lock was granted leaves: no instances, no stored config. */
    private void destroyedMeanwhile() {
        platform.services.keySet().removeIf(k -> k.startsWith("data-collector-"));
        state.deployed.remove("data-collector");
    }

    @Test
    void deploy_afterADestroyFinishedBeforeTheLock_createsItsInstancesAgain_andStoresItsConfig() {
        deploy(5, "us-east-1a", "us-east-1b");
        lease.racer = this::destroyedMeanwhile;
        platform.changes.clear();

        deploy(9, "us-east-1a", "us-east-1b");

        assertEquals(List.of("data-collector-1", "data-collector-2"), platform.instances("data-collector").stream()
                .map(s -> s.id().toString()).toList());
        assertTrue(platform.changes.contains("create data-collector-1"), platform.changes::toString);
        assertTrue(state.deployed.containsKey("data-collector"), "the config of the instances that run is stored");
    }

    @Test
    void destroy_removesAnInstanceADeployAddedBeforeTheLock() {
        deploy(5, "us-east-1a");
        lease.racer = () -> deployWithoutLock(5, "us-east-1a", "us-east-1b");

        var result = lifecycle.destroy("data-collector", "data-collector", "tester");

        assertEquals(List.of("data-collector-2", "data-collector-1"), result.removedInstances());
        assertEquals(List.of(), platform.instances("data-collector"), "nothing left behind");
        assertTrue(state.deployed.isEmpty(), "no config left behind");
    }

    @Test
    void destroy_forgetsTheStoredConfig_beforeGivingTheLockBack() {
        deploy(5, "us-east-1a");
        lease.configStoredAtRelease.clear();

        lifecycle.destroy("data-collector", "data-collector", "tester");

        assertEquals(List.of(false), lease.configStoredAtRelease);
    }

    @Test
    void scale_down_removesTheHighestIndexesThereAreUnderTheLock() {
        deploy(5, "us-east-1a", "us-east-1b");
        lease.racer = () -> deployWithoutLock(5, "us-east-1a", "us-east-1b", "us-east-1a");

        var result = lifecycle.scale("data-collector", 1, "tester");

        assertEquals(List.of("data-collector-3", "data-collector-2"), result.removed());
        assertEquals(List.of("data-collector-1"), platform.instances("data-collector").stream()
                .map(s -> s.id().toString()).toList());
    }

    @Test
    void scale_up_afterADestroyFinishedBeforeTheLock_isAConflict_andCreatesNothing() {
        deploy(5, "us-east-1a");
        lease.racer = this::destroyedMeanwhile;
        platform.changes.clear();

        ConflictException e = assertThrows(ConflictException.class, () -> lifecycle.scale("data-collector", 3, "tester"));

        assertTrue(e.getMessage().contains("never been deployed"), e.getMessage());
        assertEquals(List.of(), platform.changes);
    }

    @Test
    void start_ofAnInstanceRemovedBeforeTheLock_isNotFound_andDoesNotBringItBack() {
        deploy(5, "us-east-1a");
        lifecycle.act("data-collector-1", "stop", "tester");
        lease.racer = this::destroyedMeanwhile;
        platform.changes.clear();

        assertThrows(NotFoundException.class, () -> lifecycle.act("data-collector-1", "start", "tester"));

        assertEquals(List.of(), platform.changes);
        assertTrue(state.leases.isEmpty(), "the lock is given back");
    }

    /** A deploy by someone else, as if it held the lock and finished just now. */
    private void deployWithoutLock(int interval, String... hosts) {
        new LifecycleService(ServiceCatalog.standard(), platform,
                new ConfiguredNetwork(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b")), state, state, state,
                new PlatformContext("/quants-infra", null, null, "bucket", "us-east-1"), Clock.systemUTC(), 1, List.of(),
                state).deploy(new DeployRequest("data-collector", Arrays.asList(hosts),
                Map.of("pairs", List.of("BTC-USDT"), "interval", interval), Overrides.NONE, false, false, false, "racer"));
    }
}
