package io.quantsinfra.core.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * topk and bottomk with Go's container/heap, so that among equal values the same series are kept as in
 * Prometheus: a min-heap of k (NaN lowest) that a larger value replaces at its root; returned in Prometheus's order.
 */
final class TopK {
    private TopK() {}

    static List<Sample> select(List<Sample> in, double param, boolean top) {
        long k = (long) param;
        if (k < 1) {
            return List.of();
        }
        List<Sample> h = new ArrayList<>();
        for (Sample s : in) {
            if (h.size() < k) {
                h.add(s);
                up(h, h.size() - 1, top);
            } else if (top ? h.get(0).value() < s.value() || Double.isNaN(h.get(0).value()) && !Double.isNaN(s.value())
                    : h.get(0).value() > s.value() || Double.isNaN(h.get(0).value()) && !Double.isNaN(s.value())) {
                h.set(0, s);
                if (k > 1 && !down(h, 0, h.size(), top)) {
                    up(h, 0, top);
                }
            }
        }
        // Prometheus returns the heap reversed: topk largest first, bottomk smallest first, NaN last (a stable
        // sort, as Go's insertion sort is for the small k alerts use).
        List<Sample> sorted = new ArrayList<>(h);
        sorted.sort((x, y) -> less(y, x, top) ? -1 : less(x, y, top) ? 1 : 0);
        return sorted;
    }

    private static boolean less(Sample x, Sample y, boolean top) {
        double a = x.value();
        double b = y.value();
        if (Double.isNaN(a) && !Double.isNaN(b)) {
            return true;
        }
        return top ? a < b : a > b;
    }

    private static boolean less(List<Sample> h, int i, int j, boolean top) {
        return less(h.get(i), h.get(j), top);
    }

    private static void up(List<Sample> h, int j, boolean top) {
        while (true) {
            int i = (j - 1) / 2;
            if (i == j || !less(h, j, i, top)) {
                return;
            }
            swap(h, i, j);
            j = i;
        }
    }

    private static boolean down(List<Sample> h, int i0, int n, boolean top) {
        int i = i0;
        while (true) {
            int j1 = 2 * i + 1;
            if (j1 >= n || j1 < 0) {
                break;
            }
            int j = j1;
            int j2 = j1 + 1;
            if (j2 < n && less(h, j2, j1, top)) {
                j = j2;
            }
            if (!less(h, j, i, top)) {
                break;
            }
            swap(h, i, j);
            i = j;
        }
        return i > i0;
    }

    private static void swap(List<Sample> h, int i, int j) {
        Sample t = h.get(i);
        h.set(i, h.get(j));
        h.set(j, t);
    }
}
