package io.quantsinfra.core.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.core.evaluation.AlertSink;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.promql.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateFailureNoticesTest {
    @Test
    void deliver_addsEachFailedTemplateOnce_toTheNoticesAndTheLog() {
        Notification n = new Notification("ops", "g", 1, Labels.EMPTY, List.of(), "http://127.0.0.1:9");
        AlertSink sink = (alerts, now) -> {
            Templates.render("{{ printf (printf \"%%%ds\" 5000) \"x\" }}", n);
            Templates.render("{{ printf (printf \"%%%ds\" 5000) \"x\" }}", n);
            return new AlertSink.Delivery(1, 0, 0, List.of("earlier notice"), List.of());
        };
        List<String> log = new ArrayList<>();

        AlertSink.Delivery d = new TemplateFailureNotices(sink, log::add).deliver(List.of(), Instant.EPOCH);

        String failure = "receiver ops: the custom message template failed, the default was used: "
                + "printf width or precision 5000 is too large (limit MAX_PRINTF_WIDTH = 1000)";
        assertEquals(List.of("earlier notice", failure), d.notices());
        assertEquals(List.of(failure), log);
        assertEquals(1, d.sent());
    }
}
