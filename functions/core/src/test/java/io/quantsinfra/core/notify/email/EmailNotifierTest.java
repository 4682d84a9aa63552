package io.quantsinfra.core.notify.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.routing.DefaultTemplates;
import io.quantsinfra.core.routing.Integration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailNotifierTest {
    private static final String HOSTILE = "<script>alert(1)</script> & \"double\" 'single'";

    /** Keeps what it was asked to send. */
    private static final class Outbox implements EmailSender {
        final List<String[]> sent = new ArrayList<>();

        @Override
        public String send(String from, List<String> to, String subject, String text, String html) {
            sent.add(new String[] {subject, text, html});
            return "id-" + sent.size();
        }
    }

    private static Notification notification(String service) {
        return new Notification("ops", "g", 1, Labels.EMPTY, List.of(new Notification.Alert("firing",
                Labels.of(Map.of("alertname", "HighCpu", "service", service)), Map.of("summary", "cpu of " + service),
                Instant.EPOCH, null, "f1")), "http://127.0.0.1:9");
    }

    private static Integration.Email email(String subject, String text, String html) {
        return new Integration.Email("e", true, 1, 0, List.of("ops@example.com"), "qi@example.com", subject, text, html);
    }

    @Test
    void htmlBody_escapesEveryValue_keepsTheTemplatesMarkup() {
        Outbox out = new Outbox();

        Attempt a = new EmailNotifier(out).send(email(DefaultTemplates.TITLE, DefaultTemplates.EMAIL_TEXT,
                "<h1 class=\"alert\">{{ .CommonLabels.alertname }}</h1>{{ range .Alerts }}<p>{{ .Labels.service }}</p>"
                        + "<a href=\"{{ .Annotations.summary }}\">x</a>{{ end }}"), notification(HOSTILE));

        assertTrue(a.ok());
        String html = out.sent.getFirst()[2];
        assertEquals("<h1 class=\"alert\">HighCpu</h1><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;double&#34; &#39;single&#39;</p>"
                + "<a href=\"cpu of &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;double&#34; &#39;single&#39;\">x</a>", html);
        assertFalse(html.contains("<script>"));
    }

    @Test
    void textBody_isNotEscaped() {
        Outbox out = new Outbox();

        new EmailNotifier(out).send(email(DefaultTemplates.TITLE, "{{ .CommonLabels.service }}", null), notification(HOSTILE));

        assertEquals(HOSTILE, out.sent.getFirst()[1]);
        assertEquals(null, out.sent.getFirst()[2]);
    }

    @Test
    void failingCustomTemplates_fallBackToTheDefaults_sayWhy_andAreReported() {
        Outbox out = new Outbox();
        List<String> reported = new ArrayList<>();
        String recursive = "{{ define \"a\" }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}";

        Attempt a = Templates.reportingFailures(reported::add, () -> new EmailNotifier(out).send(
                email(recursive, "{{ index .Alerts 5 }}", recursive), notification("secret-ish-value")));

        assertTrue(a.ok(), "the notification still goes out");
        String[] m = out.sent.getFirst();
        assertEquals("[template failed] [FIRING:1] HighCpu", m[0]);
        assertTrue(m[1].startsWith("(the custom text template failed: "), m[1]);
        assertTrue(m[1].contains("FIRING HighCpu"), m[1]);
        assertTrue(m[2].startsWith("<p>(the custom html template failed: "), m[2]);
        assertTrue(m[2].contains("<pre>[FIRING:1] HighCpu"), m[2]);
        assertEquals(3, reported.size(), reported::toString);
        assertTrue(reported.getFirst().startsWith("receiver ops: the custom subject template failed, the default was used: "),
                reported::toString);
        assertTrue(reported.getFirst().contains("MAX_CALL_DEPTH"), reported::toString);
        reported.forEach(r -> assertFalse(r.contains("secret-ish-value"), r));
    }
}
