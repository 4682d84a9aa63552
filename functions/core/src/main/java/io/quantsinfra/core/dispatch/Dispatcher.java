package io.quantsinfra.core.dispatch;

import io.quantsinfra.core.delivery.DeliveryManager;
import io.quantsinfra.core.delivery.Parallel;
import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertSink;
import io.quantsinfra.core.evaluation.AlertState;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.Inhibitor;
import io.quantsinfra.core.routing.Receiver;
import io.quantsinfra.core.routing.Route;
import io.quantsinfra.core.routing.RoutingConfig;
import io.quantsinfra.core.routing.RoutingService;
import io.quantsinfra.core.silence.Silence;
import io.quantsinfra.core.silence.SilenceService;
import io.quantsinfra.core.telemetry.Telemetry;
import io.quantsinfra.core.telemetry.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@link AlertSink} of the evaluator: routes, mutes (silences, inhibit rules), groups and notifies.
 *
 * <p>Per group (receiver, route, group labels), with F the fingerprints firing now and L those firing in the
 * last notification: nothing sent yet → due once {@code group_wait} has passed since the group was first
 * seen; F differs from L → due once {@code group_interval} has passed since the last notification (the
 * alerts of L that resolved go along as resolved); F equals L and is not empty → due once
 * {@code repeat_interval} has passed. A group with nothing firing and nothing left to resolve is closed.
 */
public final class Dispatcher implements AlertSink {
    private final RoutingService routing;
    private final SilenceService silences;
    private final NotificationLog log;
    private final DeliveryManager delivery;
    private final String externalUrl;
    private final Consumer<String> logger;
    private final Telemetry telemetry;
    private final Clock clock;

    public Dispatcher(RoutingService routing, SilenceService silences, NotificationLog log, DeliveryManager delivery,
                      String externalUrl, Consumer<String> logger) {
        this(routing, silences, log, delivery, externalUrl, logger, Telemetry.NONE);
    }

    /** As above, reporting each notification's result, per receiver, to {@code telemetry}. */
    public Dispatcher(RoutingService routing, SilenceService silences, NotificationLog log, DeliveryManager delivery,
                      String externalUrl, Consumer<String> logger, Telemetry telemetry) {
        this(routing, silences, log, delivery, externalUrl, logger, telemetry, Clock.systemUTC());
    }

    /** As above, with the clock the deadline is checked against. */
    public Dispatcher(RoutingService routing, SilenceService silences, NotificationLog log, DeliveryManager delivery,
                      String externalUrl, Consumer<String> logger, Telemetry telemetry, Clock clock) {
        this.routing = routing;
        this.silences = silences;
        this.log = log;
        this.delivery = delivery;
        this.externalUrl = externalUrl;
        this.logger = logger;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    private static final class Group {
        final Route route;
        final Labels groupLabels;
        final String key;
        final List<Alert> firing = new ArrayList<>();
        final List<Alert> resolved = new ArrayList<>();

        Group(Route route, Labels groupLabels) {
            this.route = route;
            this.groupLabels = groupLabels;
            this.key = route.id() + ":" + groupLabels;
        }
    }

    @Override
    public Delivery deliver(List<Alert> alerts, Instant now) {
        return deliver(alerts, now, now.plus(Duration.ofDays(1)));
    }

    @Override
    public Delivery deliver(List<Alert> alerts, Instant now, Instant deadline) {
        Optional<RoutingConfig> maybe = routing.current();
        List<String> notices = new ArrayList<>();
        List<Alert> firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).toList();
        List<Silence> all = silences.list();
        notices.addAll(silences.expiryNotices(all, firing.stream().map(Alert::labels).toList(), now));
        if (maybe.isEmpty()) {
            if (!firing.isEmpty()) {
                notices.add(firing.size() + " alert(s) firing but no routing config is applied; nothing was sent");
            }
            notices.forEach(logger);
            return new Delivery(0, 0, 0, notices, List.of());
        }
        RoutingConfig config = maybe.get();
        Set<String> muted = muted(config, all, firing, now);
        Map<String, Group> groups = groups(config, alerts, muted);
        String owner = UUID.randomUUID().toString();
        List<Outcome> outcomes = Parallel.map(healthyFirst(groups.values()), Parallel.LIMIT,
                g -> notifyGroup(config, g, now, deadline, owner));
        Delivery d = tally(outcomes, muted.size(), notices);
        d.notices().forEach(logger);
        d.left().forEach(l -> logger.accept("left for the next cycle: " + l));
        return d;
    }

    /** With more groups than run at once, those of failing receivers go last (one stats read per such cycle). */
    private List<Group> healthyFirst(java.util.Collection<Group> groups) {
        List<Group> out = new ArrayList<>(groups);
        if (out.size() > Parallel.LIMIT) {
            Set<String> failing = delivery.failingReceivers();
            out.sort(java.util.Comparator.comparing((Group g) -> failing.contains(g.route.receiver())));
        }
        return out;
    }

    private Set<String> muted(RoutingConfig config, List<Silence> all, List<Alert> firing, Instant now) {
        Set<String> muted = new HashSet<>();
        for (Alert a : firing) {
            if (!silences.mutedBy(all, a.labels(), now).isEmpty()) {
                muted.add(a.fingerprint());
            }
        }
        muted.addAll(Inhibitor.inhibited(config.inhibitRules(), firing.stream().map(Alert::labels).toList(),
                firing.stream().map(Alert::labels).toList()));
        return muted;
    }

    private static Map<String, Group> groups(RoutingConfig config, List<Alert> alerts, Set<String> muted) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Alert a : alerts) {
            boolean isFiring = a.state() == AlertState.FIRING;
            if (a.state() == AlertState.PENDING || isFiring && muted.contains(a.fingerprint())) {
                continue;
            }
            for (Route r : config.route().match(a.labels())) {
                Labels gl = r.groupLabels(a.labels());
                Group g = groups.computeIfAbsent(r.receiver() + "|" + r.id() + ":" + gl, k -> new Group(r, gl));
                (isFiring ? g.firing : g.resolved).add(a);
            }
        }
        return groups;
    }

    /** What became of one group this cycle; {@code message} is a notice, an error or what was left. */
    private record Outcome(Kind kind, String receiver, String message) {
        enum Kind { NONE, SENT, FAILED, LEFT, ERROR }
    }

    /** One group, contained: whatever goes wrong with it is its outcome, the other groups go on. */
    private Outcome notifyGroup(RoutingConfig config, Group g, Instant now, Instant deadline, String owner) {
        Receiver receiver = config.receiver(g.route.receiver()).orElse(null);
        if (receiver == null) {
            return new Outcome(Outcome.Kind.NONE, null, null);
        }
        try {
            return group(receiver, g, now, deadline, owner);
        } catch (io.quantsinfra.core.error.QuantsInfraException e) {
            return new Outcome(Outcome.Kind.ERROR, receiver.name(), "receiver " + receiver.name() + ", group " + g.key + ": "
                    + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // not a message: it may quote what it failed on
            return new Outcome(Outcome.Kind.ERROR, receiver.name(), "receiver " + receiver.name() + ", group " + g.key
                    + ": notifying failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Delivery tally(List<Outcome> outcomes, int muted, List<String> notices) {
        int sent = 0;
        int failed = 0;
        List<String> errors = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.kind()) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case LEFT -> left.add(o.message());
                case ERROR -> errors.add(o.message());
                case NONE -> { }
            }
            if (o.kind() == Outcome.Kind.FAILED && o.message() != null) {
                notices.add(o.message());
            }
            if (o.receiver() != null && o.kind() != Outcome.Kind.NONE) {
                telemetry.record(new TelemetryEvent.Notification(o.receiver(), switch (o.kind()) {
                    case SENT -> TelemetryEvent.Notification.SENT;
                    case ERROR -> TelemetryEvent.Notification.ERROR;
                    default -> TelemetryEvent.Notification.FAILED;
                }));
            }
        }
        return new Delivery(sent, failed, muted, notices, errors, left);
    }

    /** Decides whether the group's next notification is due and, if so, claims and delivers it. */
    private Outcome group(Receiver receiver, Group g, Instant now, Instant deadline, String owner) {
        Set<String> f = new HashSet<>();
        g.firing.forEach(a -> f.add(a.fingerprint()));
        GroupState state = log.group(receiver.name(), g.key).orElse(null);
        if (state == null) {
            if (f.isEmpty()) {
                return NONE;
            }
            state = log.open(receiver.name(), g.key, now);
        }
        Set<String> last = state.lastFiring();
        List<Alert> resolvedNow = g.resolved.stream().filter(a -> last.contains(a.fingerprint())).toList();
        boolean due;
        if (state.seq() == 0) {
            due = !f.isEmpty() && !now.isBefore(state.firstSeen().plus(g.route.groupWait()));
        } else if (f.isEmpty() && resolvedNow.isEmpty() && last.isEmpty()) {
            log.close(receiver.name(), g.key, state.seq());
            return NONE;
        } else if (!f.equals(last)) {
            due = !now.isBefore(state.lastSentAt().plus(g.route.groupInterval()));
        } else {
            due = !f.isEmpty() && !now.isBefore(state.lastSentAt().plus(g.route.repeatInterval()));
        }
        if (!due) {
            return NONE;
        }
        if (f.isEmpty() && resolvedNow.isEmpty()) {
            log.close(receiver.name(), g.key, state.seq());
            return NONE;
        }
        return send(receiver, g, state.seq() + 1, f, resolvedNow, now, deadline, owner);
    }

    private static final Outcome NONE = new Outcome(Outcome.Kind.NONE, null, null);

    private Outcome send(Receiver receiver, Group g, long seq, Set<String> f, List<Alert> resolvedNow, Instant now,
                         Instant deadline, String owner) {
        String what = "receiver " + receiver.name() + ", group " + g.key + ", notification #" + seq;
        if (clock.instant().plus(DeliveryManager.MIN_ATTEMPT).isAfter(deadline)) {
            return new Outcome(Outcome.Kind.LEFT, receiver.name(), what + ": not started, the cycle's deadline had passed");
        }
        Optional<NotificationLog.Claim> claim = log.claim(receiver.name(), g.key, seq, owner, now, deadline);
        if (claim.isEmpty()) {
            return NONE;
        }
        List<Notification.Alert> shown = new ArrayList<>();
        g.firing.forEach(a -> shown.add(new Notification.Alert("firing", a.labels(), a.annotations(), a.firedAt(), null,
                a.fingerprint())));
        resolvedNow.forEach(a -> shown.add(new Notification.Alert("resolved", a.labels(), a.annotations(), a.firedAt(),
                a.resolvedAt(), a.fingerprint())));
        Notification n = new Notification(receiver.name(), g.key, seq, g.groupLabels, shown, externalUrl);
        DeliveryManager.Result r = delivery.deliver(receiver, n, deadline, claim.get().delivered());
        String detail = n.status() + " " + f.size() + " firing, " + resolvedNow.size() + " resolved"
                + (r.nothingToSend() ? " (no endpoint wants it)" : r.ok() ? " via " + r.deliveredVia() : "");
        if (r.ok()) {
            log.sent(receiver.name(), g.key, seq, owner, now, f, detail);
            return r.nothingToSend() ? NONE : new Outcome(Outcome.Kind.SENT, receiver.name(), null);
        }
        String why = r.attempts().stream().map(t -> t.endpoint() + ": " + t.error()).reduce((a, b) -> a + "; " + b).orElse("");
        if (r.leftForNextCycle()) {
            String left = what + ": " + r.left() + (r.delivered().isEmpty() ? "" : "; already delivered: "
                    + String.join(", ", r.delivered()));
            log.defer(receiver.name(), g.key, seq, owner, clock.instant(), r.delivered(), left);
            return new Outcome(Outcome.Kind.LEFT, receiver.name(), left);
        }
        log.abandon(receiver.name(), g.key, seq, owner, why);
        return new Outcome(Outcome.Kind.FAILED, receiver.name(), "receiver " + receiver.name() + " could not be notified for "
                + g.key + " (will retry next cycle): " + why);
    }
}
