package io.quantsinfra.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.QuantsInfraException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle rules, over an in-memory platform: what each operation changes, and what it must not. */
class LifecycleServiceTest {
    private final InMemoryPlatform platform = new InMemoryPlatform();
    private final InMemoryState state = new InMemoryState();
    private final LifecycleService lifecycle = new LifecycleService(ServiceCatalog.standard(), platform,
            new ConfiguredNetwork(Map.of("subnet-a", "us-east-1a", "subnet-b", "us-east-1b")), state, state, state,
            new PlatformContext("/quants-infra", null, null, "bucket", "us-east-1"),
            Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC), 4, List.of(), state);

    private static Map<String, Object> collector(int interval) {
        return Map.of("pairs", List.of("BTC-USDT"), "interval", interval);
    }

    private DeployResult deploy(Map<String, Object> config, String... hosts) {
        return lifecycle.deploy(new DeployRequest("data-collector", Arrays.asList(hosts), config, Overrides.NONE, false,
                false, false, "tester"));
    }

    @Test
    void deploy_putsOneInstancePerHost_inHostOrder() {
        deploy(collector(5), "us-east-1b", "us-east-1a");

        assertEquals(List.of("subnet-b"), platform.services.get("data-collector-1").placement().subnets());
        assertEquals(List.of("subnet-a"), platform.services.get("data-collector-2").placement().subnets());
        assertEquals("succeeded", state.history.getLast().result());
    }

    @Test
    void deploy_unchanged_makesNoChange_andTakesNoLock() {
        deploy(collector(5), "us-east-1a");
        platform.changes.clear();
        int records = state.history.size();
        state.leases.put("service/data-collector", "someone else");

        DeployResult r = deploy(collector(5), "us-east-1a");

        assertEquals("unchanged", r.result());
        assertEquals(List.of(), platform.changes);
        assertEquals(records, state.history.size());
    }

    @Test
    void deploy_aPlacementChangeAlone_updatesTheServiceWithoutANewRevision() {
        deploy(collector(5), "us-east-1a");
        platform.changes.clear();

        deploy(collector(5), "us-east-1b");

        assertEquals(List.of("update data-collector-1 placement"), platform.changes);
    }

    @Test
    void deploy_withFewerHostsThanInstances_updatesTheOthersInPlace_andRemovesNone() {
        deploy(collector(5), "us-east-1a", "us-east-1b");
        platform.changes.clear();

        deploy(collector(9), "us-east-1a");

        assertEquals(2, platform.services.size());
        assertEquals(List.of("subnet-b"), platform.services.get("data-collector-2").placement().subnets());
        assertTrue(platform.changes.contains("update data-collector-2 td"), platform.changes::toString);
    }

    @Test
    void deploy_whileAnotherChangeHoldsTheLock_isRefusedBeforeAnyChange() {
        state.leases.put("service/data-collector", "someone else");

        assertThrows(ConflictException.class, () -> deploy(collector(5), "us-east-1a"));
        assertEquals(List.of(), platform.changes);
    }

    @Test
    void deploy_partialFailure_recordsAFailedEntry_namingWhatWasDone() {
        platform.failing.add("data-collector-2");

        QuantsInfraException e = assertThrows(QuantsInfraException.class, () -> deploy(collector(5), "us-east-1a", "us-east-1b"));

        assertEquals(QuantsInfraException.Kind.UPSTREAM, e.kind());
        assertTrue(e.getMessage().startsWith("data-collector-2: could not change"), e.getMessage());
        assertTrue(e.getMessage().contains("done: data-collector-1"), e.getMessage());
        assertEquals("failed", state.history.getLast().result());
        assertTrue(state.leases.isEmpty(), "the lock is given back");
    }

    @Test
    void deploy_aNullHost_isRefusedWithItsIndex() {
        List<String> hosts = new ArrayList<>();
        hosts.add(null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> lifecycle.deploy(new DeployRequest(
                "data-collector", hosts, collector(5), Overrides.NONE, false, false, false, "t")));
        assertEquals("hosts[0]", e.field());
    }

    @Test
    void deploy_goingLive_needsConfirmation_evenWhenTheStoredConfigIsMissing() {
        Map<String, Object> bot = new HashMap<>(Map.of("strategy", "S", "stake_amount", 10,
                "exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT"))));
        lifecycle.deploy(new DeployRequest("freqtrade", List.of("us-east-1a"), bot, Overrides.NONE, false, false, false, "t"));
        state.deployed.clear();
        bot.put("dry_run", false);
        bot.put("exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT"),
                "key", Map.of("secretRef", "k"), "secret", Map.of("secretRef", "s")));

        assertThrows(ConflictException.class, () -> lifecycle.deploy(new DeployRequest("freqtrade", List.of("us-east-1a"), bot,
                Overrides.NONE, false, false, false, "t")));
    }

    @Test
    void deploy_storeSecrets_writesOnlyChangedLiterals_andRestartsTheirReaders() {
        Map<String, Object> bot = Map.of("strategy", "S", "stake_amount", 10,
                "exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT"), "secret", "s1"));
        DeployRequest request = new DeployRequest("freqtrade", List.of("us-east-1a"), bot, Overrides.NONE, false, false, true, "t");
        lifecycle.deploy(request);
        assertEquals(List.of("freqtrade/exchange/secret"), state.secretWrites.stream()
                .filter(n -> n.startsWith("freqtrade/exchange")).toList());
        platform.changes.clear();
        state.secretWrites.clear();

        DeployResult same = lifecycle.deploy(request);

        assertEquals("unchanged", same.result());
        assertEquals(List.of(), state.secretWrites);
        Map<String, Object> rotated = Map.of("strategy", "S", "stake_amount", 10,
                "exchange", Map.of("name", "binance", "pair_whitelist", List.of("BTC/USDT"), "secret", "s2"));

        DeployResult changed = lifecycle.deploy(new DeployRequest("freqtrade", List.of("us-east-1a"), rotated, Overrides.NONE,
                false, false, true, "t"));

        assertEquals("restart", changed.instances().getFirst().action());
        assertEquals(List.of("update freqtrade-1 force"), platform.changes);
        assertEquals("s2", state.reveal("freqtrade/exchange/secret").reveal());
    }

    @Test
    void scale_upAddsTheLowestFreeIndexes_downRemovesTheHighest_andDeregistersThem() {
        deploy(collector(5), "us-east-1a", "us-east-1b", "us-east-1a");
        lifecycle.scale("data-collector", 1, "t");
        platform.changes.clear();

        var up = lifecycle.scale("data-collector", 3, "t");
        assertEquals(List.of("data-collector-2", "data-collector-3"), up.added());

        var down = lifecycle.scale("data-collector", 1, "t");
        assertEquals(List.of("data-collector-3", "data-collector-2"), down.removed());
        assertTrue(platform.revisions("data-collector-3").isEmpty());
        assertEquals(List.of("data-collector-1"), platform.services.keySet().stream().toList());
    }

    @Test
    void scale_toTheCurrentCount_changesNothing() {
        deploy(collector(5), "us-east-1a");
        int records = state.history.size();
        platform.changes.clear();

        lifecycle.scale("data-collector", 1, "t");

        assertEquals(List.of(), platform.changes);
        assertEquals(records, state.history.size());
    }
}
