package io.quantsinfra.core.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TradeGuardTest {
    private static final InstanceId BOT = InstanceId.parse("freqtrade-1");
    private final List<String> calls = new ArrayList<>();
    private final List<OpenTrade> open = new ArrayList<>();
    private boolean exitsFill = true;
    private boolean down;
    private Instant now = Instant.parse("2025-03-01T10:00:00Z");

    private final BotApi api = new BotApi() {
        @Override public void stopEntry(BotAddress bot) { call("stopentry"); }
        @Override public List<OpenTrade> openTrades(BotAddress bot) { call("status"); return List.copyOf(open); }
        @Override public void forceExit(BotAddress bot, String id) {
            call("forceexit " + id);
            if (exitsFill) {
                open.removeIf(t -> t.id().equals(id));
            }
        }
    };

    private void call(String c) {
        if (down) {
            throw new UpstreamException("cannot reach the bot");
        }
        calls.add(c);
    }

    private TradeGuard guard() {
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId z) { return this; }
            @Override public Instant instant() { return now; }
        };
        return new TradeGuard(api, i -> new BotLocator.Located.At("127.0.0.1"), i -> Map.of(), clock,
                d -> now = now.plus(d), Duration.ofSeconds(20));
    }

    private BotStop run(boolean live, StopKind kind, TradeSafety safety) {
        TradeGuard g = guard();
        TradeGuard.Target t = new TradeGuard.Target(BOT, 8080, live);
        return g.stop(g.inspect(t, kind, safety), kind, safety);
    }

    @Test
    void destroy_ofALiveBotWithOpenTrades_isRefusedBeforeStopEntry() {
        open.add(new OpenTrade("1", "BTC/USDT", "0.5", "2025-03-01", "1.0%"));

        ConflictException e = assertThrows(ConflictException.class, () -> run(true, StopKind.DESTROY, TradeSafety.CAREFUL));

        assertTrue(e.getMessage().contains("#1 BTC/USDT"), e.getMessage());
        assertEquals(List.of("status"), calls);
    }

    @Test
    void restart_ofALiveBot_stopsEntriesAndKeepsTrades() {
        open.add(new OpenTrade("1", "BTC/USDT", "0.5", "2025-03-01", "1.0%"));

        BotStop stop = run(true, StopKind.RESTART, TradeSafety.CAREFUL);

        assertEquals(List.of("status", "stopentry", "status"), calls);
        assertEquals("answered", stop.stopEntry());
        assertEquals(1, stop.openTrades().size());
    }

    @Test
    void forceExit_whenExitsDoNotFillInTheBudget_isAConflictListingWhatIsOpen() {
        open.add(new OpenTrade("1", "BTC/USDT", "0.5", "2025-03-01", "1.0%"));
        exitsFill = false;

        ConflictException e = assertThrows(ConflictException.class,
                () -> run(true, StopKind.SCALE_IN, TradeSafety.FORCE_EXIT));

        assertTrue(e.getMessage().contains("still open after 20 s"), e.getMessage());
        assertTrue(calls.contains("forceexit 1"), calls::toString);
    }

    @Test
    void unreachableDryRunBot_isNotHeldBack() {
        down = true;

        BotStop stop = run(false, StopKind.DESTROY, TradeSafety.CAREFUL);

        assertTrue(stop.stopEntry().startsWith("not answered"), stop::toString);
    }

    @Test
    void unreachableLiveBot_needsForce() {
        down = true;

        assertThrows(ConflictException.class, () -> run(true, StopKind.STOP, TradeSafety.CAREFUL));
        assertTrue(run(true, StopKind.STOP, TradeSafety.FORCE).outcome().contains("--force"));
    }
}
