package io.quantsinfra.core.notify.email;

import java.util.List;

/** Port: sends one email (SES). Throws UpstreamException when the service refuses or cannot be reached. */
public interface EmailSender {
    /** Sends; {@code html} may be null. Returns the provider's message id. */
    String send(String from, List<String> to, String subject, String text, String html);
}
