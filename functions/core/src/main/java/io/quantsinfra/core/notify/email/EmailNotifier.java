package io.quantsinfra.core.notify.email;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.notify.Notification;
import io.quantsinfra.core.notify.Notifier;
import io.quantsinfra.core.notify.Templates;
import io.quantsinfra.core.routing.Integration;

/** Renders subject and body and hands them to the {@link EmailSender}. */
public final class EmailNotifier implements Notifier {
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
        String subject = Templates.render(e.subject(), n).replaceAll("[\\r\\n]+", " ").strip();
        try {
            sender.send(e.from(), e.to(), subject, Templates.render(e.text(), n), e.html() == null ? null : Templates.render(e.html(), n));
            return Attempt.success(200);
        } catch (InvalidInputException ex) {
            return Attempt.permanent(400, ex.getMessage());
        } catch (QuantsInfraException ex) {
            return Attempt.retryable(0, ex.getMessage());
        }
    }
}
