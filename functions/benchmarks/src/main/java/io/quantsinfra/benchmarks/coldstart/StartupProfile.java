package io.quantsinfra.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cold start's time goes. With {@code -Dbench.profile=true} the invokers {@link #mark} their phases (launch,
 * handler constructed, answered) where the JVM's class-loading log and Micronaut's bean-resolution log can see them;
 * {@link #main} then reads both logs and prints the classes loaded per phase and per area (JDK, SDK core, each SDK
 * service, Micronaut, serde and Jackson, logging, …), and the beans created per phase with their inclusive times.
 * {@code startup-profile.sh} runs it; how to read it: docs/benchmarks.md.
 */
public final class StartupProfile {
    private static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\[([0-9.]+)s\\].*?\\s(\\S+) source: (.*)$");
    private static final Pattern BEAN_LINE = Pattern.compile("^(\\d+)\\|(.*)$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private StartupProfile() {}

    /** Marks a phase: loads a marker class (seen in the class-loading log) and logs it where Micronaut's trace goes. */
    static void mark(String phase) {
        if (PROFILE) {
            markNow(phase);
        }
    }

    private static void markNow(String phase) {
        try {
            Class.forName(StartupProfile.class.getName() + "$" + switch (phase) {
                case "main" -> "AtMain";
                case "constructed" -> "AtConstructed";
                default -> "AtAnswered";
            });
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        org.slf4j.LoggerFactory.getLogger("io.micronaut.inject").trace("PHASE {}", phase);
    }

    static final class AtMain {}

    static final class AtConstructed {}

    static final class AtAnswered {}

    /** {@code CLASS-LOAD-LOG BEAN-LOG}: prints the breakdown. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StartupProfile CLASS-LOAD-LOG BEAN-LOG");
            System.exit(2);
        }
        classes(Files.readAllLines(Path.of(args[0])));
        beans(Files.readAllLines(Path.of(args[1])));
    }

    private static final String[] PHASES = {"JVM start -> main", "main -> handler constructed", "first request"};

    private static void classes(List<String> lines) {
        double[] marks = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        List<double[]> times = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> shared = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CLASS_LOAD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            double t = Double.parseDouble(m.group(1)) * 1000;
            String name = m.group(2);
            if (name.endsWith("$AtMain")) {
                marks[0] = t;
            } else if (name.endsWith("$AtConstructed")) {
                marks[1] = t;
            } else if (name.endsWith("$AtAnswered")) {
                marks[2] = t;
            }
            times.add(new double[] {t});
            names.add(name);
            shared.add(m.group(3).contains("shared objects file"));
        }
        Map<String, int[]> byArea = new TreeMap<>();
        int[] perPhase = new int[3];
        int fromCache = 0;
        for (int i = 0; i < names.size(); i++) {
            double t = times.get(i)[0];
            int phase = t <= marks[0] ? 0 : t <= marks[1] ? 1 : 2;
            if (t > marks[2]) {
                continue;
            }
            perPhase[phase]++;
            fromCache += shared.get(i) ? 1 : 0;
            byArea.computeIfAbsent(area(names.get(i)), k -> new int[3])[phase]++;
        }
        System.out.printf("Classes loaded until the answer: %d (%d of them from the CDS/AOT archive)%n",
                perPhase[0] + perPhase[1] + perPhase[2], fromCache);
        System.out.printf("  phase ends (JVM uptime): main %.0f ms, handler constructed %.0f ms, answered %.0f ms%n",
                marks[0], marks[1], marks[2]);
        System.out.printf("  %-44s %10s %12s %10s%n", "area", PHASES[0].substring(0, 9), "construction", "request");
        byArea.entrySet().stream().sorted((a, b) -> Integer.compare(sum(b.getValue()), sum(a.getValue())))
                .forEach(e -> System.out.printf("  %-44s %10d %12d %10d%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2]));
        System.out.printf("  %-44s %10d %12d %10d%n", "total", perPhase[0], perPhase[1], perPhase[2]);
        System.out.println();
    }

    private static int sum(int[] a) {
        return a[0] + a[1] + a[2];
    }

    /** The area a class belongs to, for the breakdown. */
    static String area(String name) {
        if (name.startsWith("software.amazon.awssdk.services.")) {
            return "AWS SDK service " + name.split("\\.")[4];
        }
        if (name.startsWith("software.amazon.awssdk.thirdparty.jackson")) {
            return "Jackson core (SDK's shaded copy)";
        }
        if (name.startsWith("software.amazon.awssdk.regions") || name.startsWith("software.amazon.awssdk.endpoints")) {
            return "AWS SDK regions and endpoints";
        }
        if (name.startsWith("software.amazon.awssdk.auth") || name.startsWith("software.amazon.awssdk.identity")
                || name.startsWith("software.amazon.awssdk.http.auth")) {
            return "AWS SDK credentials and signing";
        }
        if (name.startsWith("software.amazon.awssdk.")) {
            return "AWS SDK core, protocols, HTTP client";
        }
        if (name.startsWith("io.micronaut.serde") || name.startsWith("io.micronaut.json")
                || name.startsWith("com.fasterxml.jackson")) {
            return "Micronaut serde and Jackson";
        }
        if (name.startsWith("io.micronaut.http") || name.startsWith("io.micronaut.web")
                || name.startsWith("io.micronaut.servlet") || name.startsWith("io.micronaut.function")) {
            return "Micronaut HTTP, routing, Lambda proxy";
        }
        if (name.startsWith("io.micronaut.")) {
            return "Micronaut core, inject, context";
        }
        if (name.startsWith("ch.qos.logback") || name.startsWith("org.slf4j")) {
            return "logging (logback, slf4j)";
        }
        if (name.startsWith("io.micrometer")) {
            return "Micrometer";
        }
        if (name.startsWith("reactor.") || name.startsWith("org.reactivestreams")) {
            return "Reactor, reactive streams";
        }
        if (name.startsWith("io.quantsinfra.")) {
            return "quants-infra";
        }
        if (name.startsWith("com.amazonaws.")) {
            return "Lambda events and core";
        }
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.")) {
            return "JDK";
        }
        return "other (" + name.substring(0, Math.max(0, name.indexOf('.', name.indexOf('.') + 1))) + ")";
    }

    /** Top-level beans from Micronaut's resolution trace, each with the time until the next top-level one started. */
    private static void beans(List<String> lines) {
        record Bean(long start, String name, int phase) {}
        List<Bean> beans = new ArrayList<>();
        int phase = 0;
        long end = -1;
        for (String raw : lines) {
            Matcher m = BEAN_LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            long t = Long.parseLong(m.group(1));
            String text = ANSI.matcher(m.group(2)).replaceAll("");
            if (text.startsWith("PHASE ")) {
                phase = switch (text.substring(6)) {
                    case "main" -> 1;
                    case "constructed" -> 2;
                    default -> 3;
                };
                if (phase == 3) {
                    end = t;
                }
                beans.add(new Bean(t, "(phase mark)", phase));
                continue;
            }
            if (text.startsWith("new ") || text.startsWith("@")) {
                String name = text.replaceFirst("^new ", "").replaceAll("\\(.*", "").replaceAll("@\\S+ ", "").trim();
                if (text.startsWith("@") && text.contains(" ➡️")) {
                    name = text.substring(0, text.indexOf(" ➡️")).replaceAll("@\\S+ ", "").trim();
                }
                if (!beans.isEmpty() && beans.getLast().start() == t && beans.getLast().name().equals(name)) {
                    continue;
                }
                beans.add(new Bean(t, name, phase));
            }
        }
        Map<String, long[]> costs = new LinkedHashMap<>();
        long[] phaseTotals = new long[4];
        int[] phaseCounts = new int[4];
        for (int i = 0; i < beans.size(); i++) {
            Bean b = beans.get(i);
            if (b.name().equals("(phase mark)") || b.phase() == 3) {
                continue;
            }
            long next = i + 1 < beans.size() ? beans.get(i + 1).start() : end;
            long ms = Math.max(0, next - b.start());
            costs.computeIfAbsent(b.phase() + "|" + b.name(), k -> new long[2])[0] += ms;
            costs.get(b.phase() + "|" + b.name())[1]++;
            phaseTotals[b.phase()] += ms;
            phaseCounts[b.phase()]++;
        }
        System.out.println("Beans created (Micronaut's bean-resolution trace; each top-level bean with the time until the next");
        System.out.println("one started, so including the beans it pulled in; the trace itself slows creation down):");
        for (int p = 1; p <= 2; p++) {
            int phaseIndex = p;
            System.out.printf("  %s: %d top-level beans, %d ms; the slowest:%n", p == 1 ? "handler construction" : "first request",
                    phaseCounts[p], phaseTotals[p]);
            costs.entrySet().stream().filter(e -> e.getKey().startsWith(phaseIndex + "|"))
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(12)
                    .forEach(e -> System.out.printf("    %6d ms  %s%n", e.getValue()[0], e.getKey().substring(2)));
        }
    }
}
