package io.quantsinfra.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeTargetTest {
    private static final List<String> ONE = List.of("10.0.1.15:9090");

    @Test
    void constructor_acceptsTheSeedExample_andSortsLabels() {
        ScrapeTarget t = new ScrapeTarget("data-collector", List.of("3.112.193.45:9090", "52.198.147.179:9090"),
                Map.of("service", "data-collection", "layer", "scanner"));
        assertEquals(List.of("layer", "service"), List.copyOf(t.labels().keySet()));
        assertEquals(t, ScrapeTarget.fromDocument(t.toDocument()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.0.1.15:9090", "collector.internal:9090", "localhost:1", "ip-10-0-1-15.ec2.internal:65535",
            "[::1]:9090", "[fd00:ec2::254]:9100", "[2001:db8::1]:443", "a:80"})
    void constructor_acceptsHostPortForms(String target) {
        assertEquals(List.of(target), new ScrapeTarget("job", List.of(target), null).targets());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                row("job name must start with a letter", "1job", ONE, Map.of(), "job_name", "expected a letter or _"),
                row("job name must not contain spaces", "my job", ONE, Map.of(), "job_name", "got \"my job\""),
                row("job name prometheus is the monitor's own", "prometheus", ONE, Map.of(), "job_name", "the monitor's own job"),
                row("job name is required", null, ONE, Map.of(), "job_name", "is required"),
                row("targets must not be empty", "job", List.of(), Map.of(), "targets", "at least one host:port"),
                row("target needs a port", "job", List.of("10.0.0.1:9090", "10.0.0.2"), Map.of(), "targets[1]", "(no port)"),
                row("target port zero", "job", List.of("10.0.0.1:0"), Map.of(), "targets[0]", "port must be from 1 to 65535"),
                row("target port too high", "job", List.of("10.0.0.1:65536"), Map.of(), "targets[0]", "got \"65536\""),
                row("target port with leading zero", "job", List.of("10.0.0.1:09090"), Map.of(), "targets[0]", "port must be"),
                row("target with a scheme", "job", List.of("http://10.0.0.1:9090"), Map.of(), "targets[0]", "without a scheme or path"),
                row("target with a path", "job", List.of("10.0.0.1:9090/metrics"), Map.of(), "targets[0]", "without a scheme or path"),
                row("IPv4 octet out of range", "job", List.of("10.0.0.256:9090"), Map.of(), "targets[0]", "not a valid host name or IPv4"),
                row("host name with underscore", "job", List.of("my_host:9090"), Map.of(), "targets[0]", "not a valid host name"),
                row("host label ending in a dash", "job", List.of("host-.internal:9090"), Map.of(), "targets[0]", "not a valid host name"),
                row("IPv6 without brackets", "job", List.of("fd00::1:9090"), Map.of(), "targets[0]", "an IPv6 address goes in brackets"),
                row("bad IPv6 in brackets", "job", List.of("[fd00::zz]:9090"), Map.of(), "targets[0]", "not a valid IPv6 address"),
                row("IPv4 in brackets", "job", List.of("[10.0.0.1]:9090"), Map.of(), "targets[0]", "not a valid IPv6 address"),
                row("duplicate targets", "job", List.of("a:1", "b:1", "a:1"), Map.of(), "targets[2]", "duplicate of targets[0]"),
                row("label name with a dash", "job", ONE, Map.of("my-label", "x"), "labels.my-label", "Prometheus rules"),
                row("label name starting with a digit", "job", ONE, Map.of("1st", "x"), "labels[\"1st\"]", "Prometheus rules"),
                row("label name reserved prefix", "job", ONE, Map.of("__address__", "x"), "labels.__address__", "reserved for Prometheus"),
                row("label job is set from job_name", "job", ONE, Map.of("job", "x"), "labels.job", "set from job_name"),
                row("label value too long", "job", ONE, Map.of("note", "x".repeat(1025)), "labels.note", "at most 1024 characters"));
    }

    private static Arguments row(String name, String job, List<String> targets, Map<String, String> labels, String field,
                                 String message) {
        return Arguments.of(name, job, targets, labels, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void constructor_refusesWithTheFieldPath(String name, String job, List<String> targets, Map<String, String> labels,
                                             String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ScrapeTarget(job, targets, labels));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void constructor_refusesMoreThan1000Targets() {
        List<String> targets = IntStream.range(0, 1001).mapToObj(i -> "10.0." + (i / 250) + "." + (i % 250) + ":9090").toList();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ScrapeTarget("job", targets, null));
        assertEquals("targets: must have at most 1000 entries, got 1001", e.getMessage());
        assertEquals(1000, new ScrapeTarget("job", targets.subList(0, 1000), null).targets().size());
    }

    static Stream<Arguments> documentRefusals() {
        return Stream.of(
                Arguments.of("unknown key names the closest", Map.of("job_name", "j", "targets", ONE, "label", Map.of()),
                        "label", "did you mean \"labels\"?"),
                Arguments.of("targets as a string", Map.of("job_name", "j", "targets", "10.0.0.1:9090"),
                        "targets", "expected a list of a string, got a string"),
                Arguments.of("label value as a number", Map.of("job_name", "j", "targets", ONE, "labels", Map.of("tier", 1)),
                        "labels.tier", "expected a string, got an integer (1)"),
                Arguments.of("job name missing", Map.of("targets", ONE), "job_name", "is required"),
                Arguments.of("target as a number", Map.of("job_name", "j", "targets", List.of(9090)),
                        "targets[0]", "expected a string, got an integer (9090)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentRefusals")
    void fromDocument_refusesWithTheFieldPath(String name, Map<String, Object> raw, String field, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScrapeTarget.fromDocument(raw));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fromDocument_withoutLabels_hasNoLabels() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("job_name", "freqtrade");
        raw.put("targets", new ArrayList<>(List.of("10.0.3.4:8080")));
        assertEquals(Map.of(), ScrapeTarget.fromDocument(raw).labels());
    }
}
