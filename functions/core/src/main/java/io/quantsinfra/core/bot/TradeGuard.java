package io.quantsinfra.core.bot;

import io.quantsinfra.core.delivery.Sleeper;
import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.QuantsInfraException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Asked before a bot's task stops. In two steps, so that a refusal changes nothing: {@link #inspect} only reads
 * (the open trades, {@code GET /api/v1/status}) and refuses a live bot it cannot reach, or a live bot with open
 * trades that is about to be removed; {@link #stop} then calls {@code stopentry}, reads the trades again, exits
 * them with {@code --force-exit} and says how it ended. Dry-run bots are never held back.
 *
 * <p>{@code --force-exit} waits at most {@code exitBudget} (default {@link #EXIT_BUDGET}, inside API Gateway's
 * 30 s) for the exits to fill; trades still open then are a 409 that lists them, with nothing removed: repeating
 * the command asks again and waits again (the API answers with progress rather than holding a request open).
 *
 * {@snippet :
 * TradeGuard.Inspection look = guard.inspect(new TradeGuard.Target(id, 8080, true), StopKind.DESTROY, TradeSafety.CAREFUL);
 * BotStop story = guard.stop(look, StopKind.DESTROY, TradeSafety.CAREFUL);
 * }
 */
public final class TradeGuard {
    /** How long {@code --force-exit} waits in one request for the exits to fill. */
    public static final Duration EXIT_BUDGET = Duration.ofSeconds(20);
    static final Duration POLL = Duration.ofSeconds(2);

    /** For platforms where no bot can be reached (lifecycle tests without bots): every bot is "nowhere". */
    public static final TradeGuard UNREACHABLE = new TradeGuard(null, i -> new BotLocator.Located.Nowhere(
            "no bot API is configured"), i -> Map.of(), Clock.systemUTC(), d -> { }, EXIT_BUDGET);

    private final BotApi api;
    private final BotLocator locator;
    private final Function<InstanceId, Map<String, String>> login;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration exitBudget;

    /** {@code login}: the headers the bot's API wants (HTTP basic from its password secret). */
    public TradeGuard(BotApi api, BotLocator locator, Function<InstanceId, Map<String, String>> login, Clock clock,
                      Sleeper sleeper, Duration exitBudget) {
        this.api = api;
        this.locator = locator;
        this.login = login;
        this.clock = clock;
        this.sleeper = sleeper;
        this.exitBudget = exitBudget;
    }

    /** A bot about to stop: its API port (from the config it runs) and whether it trades live. */
    public record Target(InstanceId instance, int port, boolean live) {}

    /** What {@link #inspect} found; {@code unreachable} is why the API could not be asked, or {@code null}. */
    public record Inspection(Target target, BotAddress address, List<OpenTrade> trades, String unreachable) {
        public Inspection {
            trades = List.copyOf(trades);
        }
    }

    /** Reads the bot's open trades and refuses what would be unsafe; changes nothing. */
    public Inspection inspect(Target target, StopKind kind, TradeSafety safety) {
        Inspection found = look(target);
        String id = target.instance().toString();
        if (found.unreachable() != null && target.live() && safety != TradeSafety.FORCE) {
            throw new ConflictException(id + " trades live and its API cannot be reached (" + found.unreachable()
                    + "), so new entries cannot be stopped and its open trades are unknown; repeat with --force to "
                    + kind.word() + " it anyway");
        }
        if (kind.removes() && target.live() && !found.trades().isEmpty() && safety == TradeSafety.CAREFUL) {
            throw openTrades(id, kind, found.trades(), "");
        }
        return found;
    }

    private Inspection look(Target target) {
        BotLocator.Located where = locator.locate(target.instance());
        if (!(where instanceof BotLocator.Located.At at)) {
            return new Inspection(target, null, List.of(), ((BotLocator.Located.Nowhere) where).reason());
        }
        BotAddress address;
        try {
            address = new BotAddress(at.host(), target.port(), login.apply(target.instance()));
            return new Inspection(target, address, api.openTrades(address), null);
        } catch (QuantsInfraException e) {
            return new Inspection(target, null, List.of(), e.getMessage());
        }
    }

    /** Stops new entries, reads the trades again and, for a removal, exits or leaves them as {@code safety} says. */
    public BotStop stop(Inspection look, StopKind kind, TradeSafety safety) {
        Target t = look.target();
        String id = t.instance().toString();
        if (look.unreachable() != null) {
            return new BotStop(id, t.live(), "not answered: " + look.unreachable(), List.of(),
                    t.live() ? kind.word() + " without reaching its API (--force)" : kind.word() + " without reaching its API (dry-run)");
        }
        String stopEntry = "answered";
        try {
            api.stopEntry(look.address());
        } catch (QuantsInfraException e) {
            stopEntry = "not answered: " + e.getMessage();
        }
        List<OpenTrade> trades = readOr(look.address(), look.trades());
        if (trades.isEmpty()) {
            return new BotStop(id, t.live(), stopEntry, trades, "no open trades");
        }
        if (!kind.removes()) {
            return new BotStop(id, t.live(), stopEntry, trades, "open trades kept in its database for the next task");
        }
        if (!t.live()) {
            return new BotStop(id, false, stopEntry, trades, "dry-run trades dropped with the instance");
        }
        return switch (safety) {
            case FORCE -> new BotStop(id, true, stopEntry, trades, "left " + trades.size()
                    + " open trade(s) on the exchange with no bot managing them (--force)");
            case FORCE_EXIT -> new BotStop(id, true, stopEntry, trades, exitAll(id, kind, look.address(), trades));
            case CAREFUL -> throw openTrades(id, kind, trades, " (new entries were stopped while asking)");
        };
    }

    private String exitAll(String id, StopKind kind, BotAddress address, List<OpenTrade> trades) {
        List<String> refused = new ArrayList<>();
        for (OpenTrade trade : trades) {
            try {
                api.forceExit(address, trade.id());
            } catch (QuantsInfraException e) {
                refused.add("#" + trade.id() + ": " + e.getMessage());
            }
        }
        Instant deadline = clock.instant().plus(exitBudget);
        List<OpenTrade> open = trades;
        while (!open.isEmpty() && clock.instant().isBefore(deadline)) {
            sleeper.sleep(POLL);
            open = readOr(address, open);
        }
        if (!open.isEmpty()) {
            throw new ConflictException(id + ": forceexit was asked for " + trades.size() + " trade(s), "
                    + open.size() + " still open after " + exitBudget.toSeconds() + " s: "
                    + String.join("; ", open.stream().map(OpenTrade::line).toList())
                    + (refused.isEmpty() ? "" : " (refused: " + String.join("; ", refused) + ")")
                    + "; nothing was removed — repeat the " + kind.word() + " with --force-exit to wait for them again");
        }
        return "exited " + trades.size() + " trade(s) (--force-exit)";
    }

    private List<OpenTrade> readOr(BotAddress address, List<OpenTrade> fallback) {
        try {
            return api.openTrades(address);
        } catch (QuantsInfraException e) {
            return fallback;
        }
    }

    private static ConflictException openTrades(String id, StopKind kind, List<OpenTrade> trades, String note) {
        return new ConflictException(id + " trades live and has " + trades.size() + " open trade(s)" + note + ": "
                + String.join("; ", trades.stream().map(OpenTrade::line).toList()) + "; a " + kind.word()
                + " would leave them on the exchange with no bot managing them. Repeat with --force-exit to exit them "
                + "first, or --force to leave them open");
    }
}
