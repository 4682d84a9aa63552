package io.quantsinfra.core.dispatch;

import io.quantsinfra.core.delivery.DeliveryManager;
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

    public Dispatcher(RoutingService routing, SilenceService silences, NotificationLog log, DeliveryManager delivery,
                      String externalUrl, Consumer<String> logger) {
        this(routing, silences, log, delivery, externalUrl, logger, Telemetry.NONE);
    }

    /** As above, reporting each notification's result, per receiver, to {@code telemetry}. */
    public Dispatcher(RoutingService routing, SilenceService silences, NotificationLog log, DeliveryManager delivery,
                      String externalUrl, Consumer<String> logger, Telemetry telemetry) {
        this.routing = routing;
        this.silences = silences;
        this.log = log;
        this.delivery = delivery;
        this.externalUrl = externalUrl;
        this.logger = logger;
        this.telemetry = telemetry;
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
        Optional<RoutingConfig> maybe = routing.current();
        List<String> notices = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Alert> firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).toList();
        List<Silence> all = silences.list();
        notices.addAll(silences.expiryNotices(all, firing.stream().map(Alert::labels).toList(), now));
        if (maybe.isEmpty()) {
            if (!firing.isEmpty()) {
                notices.add(firing.size() + " alert(s) firing but no routing config is applied; nothing was sent");
            }
            notices.forEach(logger);
            return new Delivery(0, 0, 0, notices, errors);
        }
        RoutingConfig config = maybe.get();
        Set<String> muted = new HashSet<>();
        for (Alert a : firing) {
            if (!silences.mutedBy(all, a.labels(), now).isEmpty()) {
                muted.add(a.fingerprint());
            }
        }
        muted.addAll(Inhibitor.inhibited(config.inhibitRules(), firing.stream().map(Alert::labels).toList(),
                firing.stream().map(Alert::labels).toList()));
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
        int sent = 0;
        int failed = 0;
        String owner = UUID.randomUUID().toString();
        for (Group g : groups.values()) {
            Receiver receiver = config.receiver(g.route.receiver()).orElse(null);
            if (receiver == null) {
                continue;
            }
            try {
                Boolean outcome = group(receiver, g, now, owner, notices);
                if (outcome == Boolean.TRUE) {
                    sent++;
                    telemetry.record(new TelemetryEvent.Notification(receiver.name(), TelemetryEvent.Notification.SENT));
                } else if (outcome == Boolean.FALSE) {
                    failed++;
                    telemetry.record(new TelemetryEvent.Notification(receiver.name(), TelemetryEvent.Notification.FAILED));
                }
            } catch (io.quantsinfra.core.error.QuantsInfraException e) {
                errors.add("receiver " + receiver.name() + ", group " + g.key + ": " + e.getMessage());
                telemetry.record(new TelemetryEvent.Notification(receiver.name(), TelemetryEvent.Notification.ERROR));
            }
        }
        notices.forEach(logger);
        return new Delivery(sent, failed, muted.size(), notices, errors);
    }

    /** TRUE sent, FALSE failed, null nothing due. */
    private Boolean group(Receiver receiver, Group g, Instant now, String owner, List<String> notices) {
        Set<String> f = new HashSet<>();
        g.firing.forEach(a -> f.add(a.fingerprint()));
        GroupState state = log.group(receiver.name(), g.key).orElse(null);
        if (state == null) {
            if (f.isEmpty()) {
                return null;
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
            return null;
        } else if (!f.equals(last)) {
            due = !now.isBefore(state.lastSentAt().plus(g.route.groupInterval()));
        } else {
            due = !f.isEmpty() && !now.isBefore(state.lastSentAt().plus(g.route.repeatInterval()));
        }
        if (!due) {
            return null;
        }
        if (f.isEmpty() && resolvedNow.isEmpty()) {
            log.close(receiver.name(), g.key, state.seq());
            return null;
        }
        long seq = state.seq() + 1;
        if (!log.claim(receiver.name(), g.key, seq, owner, now)) {
            return null;
        }
        List<Notification.Alert> shown = new ArrayList<>();
        g.firing.forEach(a -> shown.add(new Notification.Alert("firing", a.labels(), a.annotations(), a.firedAt(), null,
                a.fingerprint())));
        resolvedNow.forEach(a -> shown.add(new Notification.Alert("resolved", a.labels(), a.annotations(), a.firedAt(),
                a.resolvedAt(), a.fingerprint())));
        Notification n = new Notification(receiver.name(), g.key, seq, g.groupLabels, shown, externalUrl);
        DeliveryManager.Result r = delivery.deliver(receiver, n);
        String detail = n.status() + " " + f.size() + " firing, " + resolvedNow.size() + " resolved"
                + (r.nothingToSend() ? " (no endpoint wants it)" : r.ok() ? " via " + r.deliveredVia() : "");
        if (r.ok()) {
            log.sent(receiver.name(), g.key, seq, owner, now, f, detail);
            return r.nothingToSend() ? null : Boolean.TRUE;
        }
        String why = r.attempts().stream().map(t -> t.endpoint() + ": " + t.error()).reduce((a, b) -> a + "; " + b).orElse("");
        log.abandon(receiver.name(), g.key, seq, owner, why);
        notices.add("receiver " + receiver.name() + " could not be notified for " + g.key + " (will retry next cycle): " + why);
        return Boolean.FALSE;
    }
}
