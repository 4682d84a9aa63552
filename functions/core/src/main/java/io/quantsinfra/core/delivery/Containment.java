package io.quantsinfra.core.delivery;

import io.quantsinfra.core.notify.Attempt;
import io.quantsinfra.core.routing.Credential;
import io.quantsinfra.core.routing.Integration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns whatever a notifier throws into a failed {@link Attempt} whose message names the secrets involved but
 * never their values: the exception's own message is dropped, because {@code URI.create} (and much else) quotes
 * its input, and the input is a credential (a Slack or webhook URL, a Telegram bot token in the path).
 */
final class Containment {
    private Containment() {}

    /**
     * Errors no endpoint can be blamed for: the JVM is in trouble and the cycle must stop. A
     * {@link StackOverflowError} is not one of them: a template or a payload nested too deep overflows the
     * stack of the attempt's own thread and nothing else.
     */
    static boolean fatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** The attempt that {@code t}, thrown while sending to {@code endpoint}, amounts to: permanent, credential-free. */
    static Attempt failure(Integration endpoint, Throwable t) {
        if (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException)) {
            Credential url = urlCredential(endpoint);
            if (url != null) {
                return Attempt.permanent(0, url.isSecret()
                        ? "the endpoint URL in secret `" + url.ref().name() + "` is not a valid URL"
                        : "the endpoint URL is not a valid URL");
            }
        }
        if (t instanceof StackOverflowError) {
            return Attempt.permanent(0, "the " + endpoint.type() + " notifier overflowed the stack (a template nested too deep?)"
                    + secrets(endpoint));
        }
        return Attempt.permanent(0, "the " + endpoint.type() + " notifier failed (" + t.getClass().getSimpleName() + ")"
                + secrets(endpoint));
    }

    /** The credential an endpoint's URL is built from, if any. */
    private static Credential urlCredential(Integration i) {
        return switch (i) {
            case Integration.Webhook w -> w.url();
            case Integration.Slack s -> s.apiUrl();
            case Integration.Telegram t -> t.botToken();
            case Integration.PagerDuty p -> null;
            case Integration.Email e -> null;
        };
    }

    private static String secrets(Integration i) {
        List<Credential> all = switch (i) {
            case Integration.Webhook w -> List.of(w.url());
            case Integration.Slack s -> List.of(s.apiUrl());
            case Integration.Telegram t -> List.of(t.botToken(), t.chatId());
            case Integration.PagerDuty p -> List.of(p.routingKey());
            case Integration.Email e -> List.of();
        };
        List<String> names = new ArrayList<>();
        for (Credential c : all) {
            if (c != null && c.isSecret() && !names.contains("`" + c.ref().name() + "`")) {
                names.add("`" + c.ref().name() + "`");
            }
        }
        return names.isEmpty() ? "" : "; its credentials come from secret " + String.join(", ", names);
    }
}
