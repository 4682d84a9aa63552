package io.quantsinfra.core.alerting;

import io.quantsinfra.core.evaluation.Alert;
import io.quantsinfra.core.evaluation.AlertSink;
import io.quantsinfra.core.notify.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers through {@code sink} and adds every custom template that failed while rendering (and fell back to its
 * default) to the cycle's notices and the log, so a broken template shows in the cycle report.
 */
final class TemplateFailureNotices implements AlertSink {
    private final AlertSink sink;
    private final Consumer<String> logger;

    TemplateFailureNotices(AlertSink sink, Consumer<String> logger) {
        this.sink = sink;
        this.logger = logger;
    }

    @Override
    public Delivery deliver(List<Alert> alerts, Instant now) {
        return noticing(() -> sink.deliver(alerts, now));
    }

    @Override
    public Delivery deliver(List<Alert> alerts, Instant now, Instant deadline) {
        return noticing(() -> sink.deliver(alerts, now, deadline));
    }

    private Delivery noticing(java.util.function.Supplier<Delivery> delivery) {
        // deliveries run in parallel: the reporter is called from their threads
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Delivery d = Templates.reportingFailures(failures::add, delivery);
        List<String> distinct;
        synchronized (failures) {
            distinct = failures.stream().distinct().toList();
        }
        if (distinct.isEmpty()) {
            return d;
        }
        distinct.forEach(logger);
        List<String> notices = new ArrayList<>(d.notices());
        notices.addAll(distinct);
        return new Delivery(d.sent(), d.failed(), d.muted(), notices, d.errors(), d.left());
    }
}
