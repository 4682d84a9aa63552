package io.quantsinfra.core.servicemetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.UpstreamException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionTest {

    private static final String PAGE = """
            # HELP collector_snapshots_written_total Order book snapshots written.
            # TYPE collector_snapshots_written_total counter
            collector_snapshots_written_total{pair="BTC-USDT",exchange="gateio"} 1532
            collector_snapshots_written_total{pair="ETH-USDT",exchange="gateio"} 1.5e3 1704110400000
            collector_lag_seconds{pair="BTC-USDT"} 0.25
            collector_lag_seconds{pair="ETH-USDT"} 1.75
            process_cpu_seconds_total 12.5
            collector_errors_total{reason="say \\"hi\\"\\n\\\\"} NaN
            """;

    @Test
    void parse_readsSamplesLabelsAndValues() {
        List<Exposition.Sample> s = Exposition.parse(PAGE, Exposition.Limits.DEFAULT);

        assertEquals(6, s.size());
        assertEquals(new Exposition.Sample("collector_snapshots_written_total", Map.of("pair", "BTC-USDT", "exchange", "gateio"), 1532),
                s.getFirst());
        assertEquals(1500.0, s.get(1).value());
        assertEquals("say \"hi\"\n\\", s.get(5).labels().get("reason"));
        assertTrue(Double.isNaN(s.get(5).value()));
    }

    @Test
    void select_sumsCountersMaxesGauges_andDropsWhatIsNotAllowlisted() {
        Map<String, Double> v = CollectorMetrics.select(Exposition.parse(PAGE, Exposition.Limits.DEFAULT));

        assertEquals(Map.of("collector_snapshots_written_total", 3032.0, "collector_lag_seconds", 1.75), v,
                "process_cpu_seconds_total is not allowlisted; a NaN counter is not publishable");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no value                  | up                            | line 1 has no value
            label not quoted          | m{a=b} 1                      | line 1 has a label value that is not quoted
            labels not closed         | m{a="b" 1                     | line 1 has labels that are not closed
            repeated label            | m{a="b",a="c"} 1              | line 1 repeats the label a
            value not a number        | m 12abc                       | line 1 has a value that is not a number
            timestamp not an integer  | m 1 12.5                      | line 1 has a timestamp that is not an integer
            three fields              | m 1 2 3                       | line 1 has more than a value and a timestamp
            unknown escape            | m{a="\\x"} 1                  | line 1 has an unknown escape
            unterminated value        | m{a="b} 1                     | line 1 has an unterminated label value
            starts with a digit       | 1m 1                          | line 1 does not start with a metric name
            """)
    void parse_refusesMalformedLines_namingTheLineNotItsContent(String name, String line, String expected) {
        UpstreamException e = assertThrows(UpstreamException.class, () -> Exposition.parse(line + "\n", Exposition.Limits.DEFAULT));

        assertTrue(e.getMessage().startsWith("metrics page " + expected.substring(0, expected.length())), name + ": " + e.getMessage());
    }

    @Test
    void parse_stopsAtAHugeLine_withoutEchoingIt() {
        String huge = "m{a=\"" + "x".repeat(100_000) + "\"} 1\n";

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> Exposition.parse("ok 1\n" + huge, Exposition.Limits.DEFAULT));

        assertEquals("metrics page line 2 is longer than 16384 characters", e.getMessage());
    }

    @Test
    void parse_stopsAtTheSampleLimit() {
        StringBuilder page = new StringBuilder("# TYPE m counter\n");
        for (int i = 0; i < 200; i++) {
            page.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
        }
        Exposition.Limits limits = new Exposition.Limits(1024, 100);

        UpstreamException e = assertThrows(UpstreamException.class, () -> Exposition.parse(page.toString(), limits));

        assertEquals("metrics page line 102 is past the limit of 100 samples per page", e.getMessage());
    }

    @Test
    void parse_acceptsCommentsBlankLinesCrlfAndInfinities() {
        List<Exposition.Sample> s = Exposition.parse("# a comment\r\n\r\nm +Inf\r\nn -Inf\r\n", Exposition.Limits.DEFAULT);

        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), s.stream().map(Exposition.Sample::value).toList());
        assertEquals(Map.of(), CollectorMetrics.select(s));
    }
}
