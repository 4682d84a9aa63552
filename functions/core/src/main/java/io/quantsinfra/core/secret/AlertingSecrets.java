package io.quantsinfra.core.secret;

/**
 * Which secrets the alerting routing config may read: those named {@code alerting/…} (Secrets Manager name
 * {@code <prefix>alerting/…}, so IAM can give the alert-evaluation function that prefix and nothing else). The
 * routing config sends what it reads to the hosts it names; keeping it to secrets stored for that purpose means
 * whoever may write the config cannot have an exchange key POSTed to a host of their choice.
 *
 * {@snippet :
 * AlertingSecrets.isAlerting("alerting/telegram");   // true
 * AlertingSecrets.isAlerting("binance");             // false
 * }
 */
public final class AlertingSecrets {
    /** The name prefix (below the store's own prefix) of secrets meant for alerting. */
    public static final String PREFIX = "alerting/";

    private AlertingSecrets() {}

    /** Whether {@code name} is under {@link #PREFIX}, with no empty, {@code .} or {@code ..} segment after it. */
    public static boolean isAlerting(String name) {
        if (name == null || !name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
            return false;
        }
        for (String segment : name.substring(PREFIX.length()).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The name to store a value under instead of {@code name}: {@code alerting/<last segment of name>}. */
    public static String suggestedName(String name) {
        String base = name == null ? "NAME" : name.substring(name.lastIndexOf('/') + 1);
        return PREFIX + (base.isEmpty() || base.equals(".") || base.equals("..") ? "NAME" : base);
    }

    /** The command that stores a value for alerting, e.g. {@code quants-infra secrets put alerting/slack --value-file FILE}. */
    public static String putCommand(String name) {
        return "quants-infra secrets put " + name + " --value-file FILE";
    }
}
