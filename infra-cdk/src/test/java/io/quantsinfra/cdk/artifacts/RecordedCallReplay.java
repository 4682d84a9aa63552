package io.quantsinfra.cdk.artifacts;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Runs in a JVM whose classpath is one Lambda jar plus this class: makes each AWS operation read from stdin through
 * the jar's own {@link AwsClients}, with the settings in its environment (an emulated account), and prints one line per operation,
 * {@code ok …} or {@code FAIL …}. An answer of any kind from the emulator (a result, a service error, the SDK refusing
 * a request without a required member) is {@code ok}: the operation's client method, marshaller, unmarshaller and
 * model classes are in the jar and link. {@code FAIL} is what a shrink that removed too much looks like: no such
 * method or class, a {@link LinkageError}, an enum without {@code values()}.
 *
 * <p>Input lines: {@code Service<TAB>Operation[<TAB>Member=value|value]…}, as FunctionCallLog recorded them.
 * Services are reached reflectively by name: a jar without a service's classes (the scheduled jar has no CloudWatch
 * Logs) must not fail to verify this class.
 */
public final class RecordedCallReplay {
    private RecordedCallReplay() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put(AwsSettings.AWS_RETRIES, "0");
        AwsSettings settings = AwsSettings.from(env);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (AwsClients clients = AwsClients.shared(settings, List.of())) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                Map<String, List<String>> resources = new LinkedHashMap<>();
                for (String field : Arrays.asList(fields).subList(2, fields.length)) {
                    int eq = field.indexOf('=');
                    resources.put(field.substring(0, eq), List.of(field.substring(eq + 1).split("\\|")));
                }
                System.out.println(fields[0] + " " + fields[1] + " " + replay(clients, fields[0], fields[1], resources));
            }
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** {@code AwsClients}' accessor for each service FunctionCallLog names. */
    private static final Map<String, String> ACCESSORS = Map.of("Ecs", "ecs", "DynamoDb", "dynamoDb",
            "SecretsManager", "secretsManager", "S3", "s3", "CloudWatch", "cloudWatch", "CloudWatchLogs", "logs", "Ses", "ses");

    static String replay(AwsClients clients, String service, String operation, Map<String, List<String>> resources) {
        try {
            String accessor = ACCESSORS.get(service);
            if (accessor == null) {
                return "FAIL no client for service " + service + " in AwsClients";
            }
            String base = "software.amazon.awssdk.services." + service.toLowerCase(java.util.Locale.ROOT);
            Class<?> clientType = Class.forName(base + "." + service + "Client");
            // Looked up by exact type: Class.getMethod would resolve every accessor's return type, and the
            // scheduled jar has no CloudWatch Logs client.
            Object client = MethodHandles.publicLookup()
                    .findVirtual(AwsClients.class, accessor, MethodType.methodType(clientType)).invoke(clients);
            Class<?> requestType = Class.forName(base + ".model." + operation + "Request");
            Method builderMethod = requestType.getMethod("builder");
            Object builder = builderMethod.invoke(null);
            resources.forEach((member, values) -> set(builderMethod.getReturnType(), builder, member, values));
            Object request = ((SdkBuilder<?, ?>) builder).build();
            Optional<Method> call = operationMethod(clientType, operation, requestType);
            if (call.isEmpty()) {
                return "FAIL " + clientType.getSimpleName() + " has no method for " + operation;
            }
            return invoke(call.get(), client, request);
        } catch (Throwable e) {
            return "FAIL " + e;
        }
    }

    /** The client's method for the operation: named after it (or {@code getObjectAsBytes}-like), request first. */
    private static Optional<Method> operationMethod(Class<?> clientType, String operation, Class<?> requestType) {
        String name = Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
        return Arrays.stream(clientType.getMethods())
                .filter(m -> m.getName().equals(name) || m.getName().startsWith(name + "As"))
                .filter(m -> m.getParameterCount() >= 1 && m.getParameterTypes()[0] == requestType)
                .filter(m -> Arrays.stream(m.getParameterTypes()).skip(1).allMatch(RecordedCallReplay::suppliable))
                .min(Comparator.comparingInt(Method::getParameterCount));
    }

    private static boolean suppliable(Class<?> type) {
        return type == RequestBody.class || type == ResponseTransformer.class;
    }

    private static String invoke(Method call, Object client, Object request) throws IllegalAccessException {
        List<Object> args = new ArrayList<>(List.of(request));
        for (Class<?> extra : Arrays.asList(call.getParameterTypes()).subList(1, call.getParameterCount())) {
            args.add(extra == RequestBody.class ? RequestBody.fromString("{}") : ResponseTransformer.toBytes());
        }
        try {
            call.invoke(client, args.toArray());
            return "ok";
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof LinkageError || t instanceof ReflectiveOperationException) {
                    return "FAIL " + t;
                }
            }
            if (cause instanceof SdkServiceException s) {
                return "ok (" + s.statusCode() + " " + cause.getClass().getSimpleName() + ")";
            }
            if (cause instanceof SdkClientException) {
                return "ok (refused by the SDK: " + firstLine(cause.getMessage()) + ")";
            }
            return "FAIL " + cause;
        }
    }

    /** Sets a member the builder has a String or String-collection setter for; others (tags, …) are left unset. */
    private static void set(Class<?> builderType, Object builder, String member, List<String> values) {
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        for (Method m : builderType.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != 1) {
                continue;
            }
            try {
                if (m.getParameterTypes()[0] == String.class) {
                    m.invoke(builder, values.getFirst());
                    return;
                }
                if (m.getParameterTypes()[0] == Collection.class && m.getGenericParameterTypes()[0] instanceof ParameterizedType t
                        && t.getActualTypeArguments()[0] == String.class) {
                    m.invoke(builder, values);
                    return;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("setting " + member + ": " + e, e);
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
