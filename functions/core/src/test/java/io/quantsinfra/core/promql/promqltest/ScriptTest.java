package io.quantsinfra.core.promql.promqltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.promql.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The promqltest format as Prometheus documents it, and the runner's verdicts on small scripts. */
class ScriptTest {
    @Test
    void seriesNotation_expandsLikePrometheus() {
        Script.Series s = Script.series("a{l=\"v\", m='w'} 0+10x3 _ _x2 -5-1x2 1x2 stale Inf -inf NaN 2.", 1);
        assertEquals("a", s.metric());
        assertEquals(Labels.of("l", "v", "m", "w"), s.labels());
        List<Double> expected = new ArrayList<>(Arrays.asList(0.0, 10.0, 20.0, 30.0, null, null, null, -5.0, -6.0, -7.0, 1.0, 1.0,
                1.0, Script.STALE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 2.0));
        assertEquals(expected.size(), s.values().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), s.values().get(i), "value " + i);
        }
        assertEquals(Script.STALE_BITS, Double.doubleToRawLongBits(s.values().get(13)));
    }

    @Test
    void nameInBraces_isTheMetricName() {
        Script.Series s = Script.series("{__name__=\"metric\", job=\"x\"} 1", 1);
        assertEquals("metric", s.metric());
        assertEquals(Labels.of("job", "x"), s.labels());
    }

    @Test
    void commands_parseWithTheirExpectations() {
        List<Script.Command> c = Script.parse("""
                # comment
                load 5m
                  m{job="x"} 1+1x3

                eval instant at 10m m
                  m{job="x"} 3

                eval_fail instant at 0m label_replace(m, "dst", "", "src", "(.*")

                eval_ordered instant at 5m 1 + 1
                  2

                eval instant at 5m m
                  expect ordered
                  {job="x"} 2

                eval range from 0 to 10m step 1m m
                  m{job="x"} 1 2 3

                clear
                """);
        assertEquals(7, c.size());
        Script.Eval e = (Script.Eval) c.get(1);
        assertEquals(600_000, e.atMs());
        assertEquals(List.of(new Script.Sample("m", Labels.of("job", "x"), 3)), e.samples());
        assertTrue(((Script.Eval) c.get(2)).fail());
        assertEquals(2.0, ((Script.Eval) c.get(3)).scalar());
        assertTrue(((Script.Eval) c.get(4)).ordered());
        assertTrue(((Script.Eval) c.get(5)).range());
        assertTrue(c.get(6) instanceof Script.Clear);
    }

    @Test
    void unknownCommand_isRefusedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Script.parse("load 1m\n  a 1\n\nevaluate a\n"));
        assertEquals("line 4: unknown command: evaluate a", e.getMessage());
    }

    @Test
    void closedWindow_isReplayedOverTheSameDatapoints() {
        // Prometheus 2.x: [5m] at 10m holds the samples at 5, 6, …, 10m (six): count 6, changes 5.
        List<Runner.Outcome> o = Runner.run("t", """
                load 1m
                  m 0+1x10

                eval instant at 10m count_over_time(m[5m])
                  {} 6

                eval instant at 10m changes(m[5m])
                  {} 5

                eval instant at 10m m
                  m 10

                eval instant at 10m time()
                  600

                eval instant at 15m m
                  m 10

                eval instant at 15m count_over_time(m[5m])
                  {} 1
                """);
        // The last two: Prometheus 2.x's lookback and ranges are closed, so a sample exactly 5m old still counts.
        assertEquals(List.of(Runner.Kind.AGREE, Runner.Kind.AGREE, Runner.Kind.AGREE, Runner.Kind.AGREE, Runner.Kind.AGREE,
                        Runner.Kind.AGREE),
                o.stream().map(Runner.Outcome::kind).toList(), o::toString);
    }

    @Test
    void wrongExpectation_isADisagreement() {
        List<Runner.Outcome> o = Runner.run("t", """
                load 1m
                  m{job="x"} 0+1x10

                eval instant at 10m m
                  m{job="x"} 11

                eval instant at 10m m
                  m{job="y"} 10

                eval_fail instant at 10m m
                """);
        assertEquals(List.of(Runner.Kind.DISAGREE, Runner.Kind.DISAGREE, Runner.Kind.DISAGREE),
                o.stream().map(Runner.Outcome::kind).toList(), o::toString);
    }

    @Test
    void cloudWatchLimits_areNotExpressible_withTheReason() {
        List<Runner.Outcome> o = Runner.run("t", """
                load 10s
                  fast 1+1x30

                load 1m
                  slow 1+1x30
                  gone 1 stale

                eval instant at 5m fast
                  fast 31

                eval instant at 30s slow
                  slow 1

                eval instant at 5m rate(slow[30s])
                  {} 0

                eval instant at 5m slow @ 60
                  slow 2

                eval instant at 5m gone
                """);
        assertEquals(List.of("series loaded at a sub-minute step", "instant not on a whole minute", "range or offset not whole minutes",
                        "@ modifier", "staleness markers"),
                o.stream().map(x -> x.reason().substring(0, x.reason().indexOf(':'))).toList(), o::toString);
        assertTrue(o.stream().allMatch(x -> x.kind() == Runner.Kind.NOT_EXPRESSIBLE));
    }
}
