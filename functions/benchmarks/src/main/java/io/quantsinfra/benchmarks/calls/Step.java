package io.quantsinfra.benchmarks.calls;

import io.quantsinfra.aws.AwsCallRecorder.Call;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One measured step: its wall time and the AWS calls the API made during it. */
record Step(String name, long wallMillis, List<Call> calls) {
    Step {
        calls = List.copyOf(calls);
    }

    long mutating() {
        return calls.stream().filter(Call::mutating).count();
    }

    /** {@code Service.Operation} to how many times it was called, sorted by name. */
    Map<String, Integer> byOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(c -> counts.merge(c.service() + "." + c.operation(), 1, Integer::sum));
        return counts;
    }
}
