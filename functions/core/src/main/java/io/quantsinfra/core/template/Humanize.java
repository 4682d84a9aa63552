package io.quantsinfra.core.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Prometheus's humanize functions and Go's {@code %.4g}, so rendered numbers read as Prometheus renders them. */
final class Humanize {
    private static final String[] BIG = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] BIG1024 = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};

    private Humanize() {}

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g(v, 4);
        }
        if (Math.abs(v) >= 1) {
            int i = 0;
            while (Math.abs(v) >= 1000 && i < BIG.length - 1) {
                v /= 1000;
                i++;
            }
            return g(v, 4) + BIG[i];
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g(v, 4) + prefix;
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g(v, 4);
        }
        int i = 0;
        while (Math.abs(v) >= 1024 && i < BIG1024.length - 1) {
            v /= 1024;
            i++;
        }
        return g(v, 4) + BIG1024[i];
    }

    static String percentage(double v) {
        return g(v * 100, 4) + "%";
    }

    static String duration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g(v, 4);
        }
        String sign = v < 0 ? "-" : "";
        v = Math.abs(v);
        if (v >= 1) {
            long seconds = (long) v;
            long days = seconds / 86400;
            long hours = seconds / 3600 % 24;
            long minutes = seconds / 60 % 60;
            seconds %= 60;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g(v, 4) + "s";
        }
        if (v == 0) {
            return "0s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (v >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return sign + g(v, 4) + prefix + "s";
    }

    /** Go's {@code %.<precision>g}: shortest form with at most {@code precision} significant digits. */
    static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return d.toPlainString();
    }

    /** Go's {@code %v} of a float64: the shortest representation that reads back the same. */
    static String shortest(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g(v, 4);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e21) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 21) {
            return g(v, d.precision());
        }
        return d.toPlainString();
    }
}
