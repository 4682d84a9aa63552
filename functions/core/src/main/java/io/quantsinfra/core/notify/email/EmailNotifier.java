package io.quantsinfra.core.notify.email;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.routing.DefaultTemplates;
import io.quantsinfra.core.routing.Integration;

/**
 * Renders subject and bodies and hands them to the {@link EmailSender}. The HTML body is rendered with every
 * value an action prints HTML-escaped ({@code <script>} in a label arrives as {@code &lt;script&gt;}); the
 * template's own markup is the config author's and is kept.
 */
public final class EmailNotifier implements Notifier {
    static final Templates.Field SUBJECT = Templates.Field.of("subject", DefaultTemplates.TITLE);
    static final Templates.Field TEXT = Templates.Field.of("text", DefaultTemplates.EMAIL_TEXT);
    static final Templates.Field HTML = Templates.Field.of("html", DefaultTemplates.EMAIL_TEXT);

    private final EmailSender sender;

    public EmailNotifier(EmailSender sender) {
        this.sender = sender;
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public Attempt send(Integration endpoint, Notification n) {
        Integration.Email e = (Integration.Email) endpoint;
        String subject = Templates.render(SUBJECT, e.subject(), n).replaceAll("[\\r\\n]+", " ").strip();
        String text = Templates.render(TEXT, e.text(), n);
        String html = e.html() == null ? null : Templates.renderHtml(HTML, e.html(), n);
        try {
            sender.send(e.from(), e.to(), subject, text, html);
            return Attempt.success(200);
        } catch (InvalidInputException ex) {
            return Attempt.permanent(400, ex.getMessage());
        } catch (QuantsInfraException ex) {
            return Attempt.retryable(0, ex.getMessage());
        }
    }
}
