package io.quantsinfra.cdk.shared;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a control-plane Lambda, drawn only from the variables {@code functions/} reads
 * ({@link AwsSettings#VARIABLES} and {@link #LOG_LEVEL}). {@link AwsSettings#REGION} is reserved by Lambda,
 * which sets it itself, and {@link AwsSettings#ENDPOINT} would point the SDK away from AWS: both are refused.
 *
 * {@snippet :
 * Map<String, String> env = LambdaEnvironment.builder()
 *         .put(AwsSettings.TABLE, table.getTableName())
 *         .build();
 * }
 */
public final class LambdaEnvironment {
    /** Read by {@code functions/api/src/main/resources/logback.xml} (the root level); no Java constant exists. */
    public static final String LOG_LEVEL = "QUANTS_INFRA_LOG_LEVEL";

    /** Names that must never be set on a Lambda on AWS. */
    public static final Set<String> FORBIDDEN = Set.of(AwsSettings.REGION, AwsSettings.ENDPOINT);

    /** Names set only when the deployment asks for them (cdk.json {@code egressAllow}); unset is the safe default. */
    public static final Set<String> OPTIONAL = Set.of(AwsSettings.EGRESS_ALLOW, AwsSettings.MONITOR_REMOTE_WRITE);

    /** Every name a Lambda of this app may be given. */
    public static final Set<String> ALLOWED = allowed();

    private LambdaEnvironment() {
    }

    private static Set<String> allowed() {
        Set<String> names = new LinkedHashSet<>(AwsSettings.VARIABLES);
        names.add(LOG_LEVEL);
        names.removeAll(FORBIDDEN);
        return Collections.unmodifiableSet(names);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects variables, refusing names outside {@link #ALLOWED}. */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String name, String value) {
            if (!ALLOWED.contains(name)) {
                throw new UnknownVariableException(name);
            }
            if (value == null || value.isEmpty()) {
                throw new QuantsInfraCdkException("environment variable " + name + " needs a value");
            }
            env.put(name, value);
            return this;
        }

        public Map<String, String> build() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }
    }

    /** A Lambda was to be given a variable {@code functions/} does not read, or one Lambda must not have. */
    public static final class UnknownVariableException extends QuantsInfraCdkException {
        UnknownVariableException(String name) {
            super("environment variable " + name + " is not one functions/ reads on AWS (allowed: "
                    + String.join(", ", ALLOWED) + ")");
        }
    }
}
