package io.quantsinfra.core.promql;

import java.util.List;

/** The series a selector matches, with their datapoints: what the evaluator reads. */
@FunctionalInterface
public interface SeriesLookup {
    List<SeriesData> series(Expr.Selector selector);
}
