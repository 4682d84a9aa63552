package io.quantsinfra.core.notify;

import io.quantsinfra.core.routing.Integration;

/** Sends a notification to one endpoint of one integration type. */
public interface Notifier {
    /** The integration type it handles, e.g. {@code webhook}. */
    String type();

    Attempt send(Integration endpoint, Notification notification);
}
