package io.quantsinfra.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call the clients make (service, operation, request), for benchmarks that count calls
 * and for tests that check what was sent where the emulator does not keep it. Requests are kept as the
 * SDK built them; nothing here logs them.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
    private static final Set<String> READ_PREFIXES = Set.of("Describe", "List", "Get", "Query", "Scan", "Filter", "BatchGet");
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** One call: {@code service} like {@code ECS}, {@code operation} like {@code CreateService}. */
    public record Call(String service, String operation, SdkRequest request) {
        /** Whether the operation changes state (anything but Describe/List/Get/Query/Scan/Filter). */
        public boolean mutating() {
            return READ_PREFIXES.stream().noneMatch(operation::startsWith);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
    }

    /** A copy of the calls so far. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Forgets the calls so far. */
    public void clear() {
        calls.clear();
    }
}
