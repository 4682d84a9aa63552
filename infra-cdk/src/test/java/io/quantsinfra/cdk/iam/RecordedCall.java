package io.quantsinfra.cdk.iam;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One AWS operation a function made, as {@code FunctionCallLog} wrote it: SDK service name ({@code Ecs},
 * {@code DynamoDb}, ...), operation, and the resource names of the request by member name.
 */
public record RecordedCall(String service, String operation, Map<String, List<String>> resources) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordedCall {
        resources = Map.copyOf(resources);
    }

    /** {@code Ecs:CreateService}. */
    String key() {
        return service + ":" + operation;
    }

    /** The first value of a member, or null. */
    String first(String member) {
        List<String> v = resources.get(member);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    List<String> all(String member) {
        return resources.getOrDefault(member, List.of());
    }

    /** The deduplicated calls of {@code <dir>/<function>.jsonl}; an AssertionError naming the file when it is missing. */
    public static Set<RecordedCall> read(Path dir, String function) {
        Path file = dir.resolve(function + ".jsonl");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no recorded AWS calls for '" + function + "': " + file + " is missing. The tests of "
                    + "functions/api, functions/scheduled and functions/e2e write it (FunctionCallLog); run them first in the "
                    + "same build, e.g. ./mvnw -B -ntp -pl infra-cdk -am verify");
        }
        Set<RecordedCall> calls = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    Map<String, Object> doc = JSON.readValue(line, new TypeReference<>() { });
                    @SuppressWarnings("unchecked")
                    Map<String, List<String>> res = (Map<String, List<String>>) doc.get("resources");
                    calls.add(new RecordedCall((String) doc.get("service"), (String) doc.get("operation"), res));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }
}
