package io.quantsinfra.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.rule.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Core's routing against Alertmanager's own {@code amtool} (0.25, Debian): on generated route trees (fixed seed,
 * bounded) and the configs the repo ships, the output of {@code config routes test} (receivers, {@code --tree},
 * {@code --verify.receivers}) and {@code config routes show} must be byte for byte amtool's, and
 * {@code check-config} must agree on validity, except for the differences listed in {@link Differences} with their
 * reason. Prints {@code routing differential: C cases, A agree, D disagree (explained: …)}.
 */
class AmtoolDifferentialTest {
    private static final long SEED = 13;
    private static final int CONFIGS = 40;
    private static final int LABEL_SETS = 50;
    private static final List<String> SHIPPED = List.of("examples/alertmanager.yml", "docs/rules/seed-004-alertmanager.yml",
            "functions/core/src/test/resources/seed004/alertmanager.yml");

    /** One comparison: what core says and what amtool says, and why they may differ. */
    private record Case(String name, Supplier<String> core, Supplier<Amtool.Run> amtool, String explained) {}

    /** One compared case's outcome. */
    private record Outcome(String name, String core, String amtool, String explained) {
        boolean agree() {
            return core.equals(amtool);
        }
    }

    @Test
    void routing_agreesWithAmtool_onGeneratedTreesAndShippedConfigs() throws Exception {
        Amtool amtool = new Amtool();
        Path dir = Files.createTempDirectory("amtool-differential");
        List<Case> cases = new ArrayList<>();
        Random random = new Random(SEED);
        for (int c = 0; c < CONFIGS; c++) {
            RouteGenerator g = new RouteGenerator(SEED * 1000 + c);
            Map<String, Object> doc = g.config();
            Path file = Amtool.write(dir, "generated-" + c, doc);
            addConfigCases(cases, amtool, "generated " + c, doc, file, null);
            for (int l = 0; l < LABEL_SETS; l++) {
                addTest(cases, amtool, "generated " + c + " labels " + l, doc, file, g.labels(), random, null);
            }
        }
        addInvalid(cases, amtool, dir);
        addShipped(cases, amtool, dir, random);
        addBadLabels(cases, amtool, dir);
        addStricter(cases, amtool, dir);
        List<Outcome> outcomes = run(cases);
        report(outcomes);
    }

    private static void addConfigCases(List<Case> cases, Amtool amtool, String name, Map<String, Object> doc, Path file,
                                       String explained) {
        cases.add(new Case(name + " check-config", () -> coreValid(doc), () -> validity(amtool.checkConfig(file)), explained));
        cases.add(new Case(name + " routes show", () -> coreShow(doc), () -> amtool.show(file), explained));
    }

    private static void addTest(List<Case> cases, Amtool amtool, String name, Map<String, Object> doc, Path file,
                                List<String> labels, Random random, String explained) {
        boolean tree = random.nextInt(4) == 0;
        List<String> verify = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            int n = 1 + random.nextInt(2);
            List<?> receivers = (List<?>) doc.get("receivers");
            for (int i = 0; i < n; i++) {
                verify.add(String.valueOf(((Map<?, ?>) receivers.get(random.nextInt(receivers.size()))).get("name")));
            }
        }
        cases.add(new Case(name + " " + labels + (tree ? " --tree" : "") + (verify.isEmpty() ? "" : " --verify " + verify),
                () -> coreTest(doc, labels, verify, tree), () -> amtool.test(file, labels, verify, tree), explained));
    }

    /** Configs both must refuse, each breaking one of Alertmanager's rules. */
    private static void addInvalid(List<Case> cases, Amtool amtool, Path dir) {
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("undefined receiver", "{route: {receiver: nobody}, receivers: [{name: r}]}");
        invalid.put("root matchers", "{route: {receiver: r, matchers: ['a=b']}, receivers: [{name: r}]}");
        invalid.put("root continue", "{route: {receiver: r, continue: true}, receivers: [{name: r}]}");
        invalid.put("root without receiver", "{route: {group_by: [a]}, receivers: [{name: r}]}");
        invalid.put("no route", "{receivers: [{name: r}]}");
        invalid.put("bad regex", "{route: {receiver: r, routes: [{matchers: ['a=~\"(\"']}]}, receivers: [{name: r}]}");
        invalid.put("bad match_re", "{route: {receiver: r, routes: [{match_re: {a: '['}}]}, receivers: [{name: r}]}");
        invalid.put("bad matcher", "{route: {receiver: r, routes: [{matchers: ['a>>b']}]}, receivers: [{name: r}]}");
        invalid.put("duplicate group_by", "{route: {receiver: r, group_by: [a, a]}, receivers: [{name: r}]}");
        invalid.put("group_by all and more", "{route: {receiver: r, group_by: ['...', a]}, receivers: [{name: r}]}");
        invalid.put("zero group_interval", "{route: {receiver: r, group_interval: 0s}, receivers: [{name: r}]}");
        invalid.put("zero repeat_interval", "{route: {receiver: r, repeat_interval: 0s}, receivers: [{name: r}]}");
        invalid.put("bad duration", "{route: {receiver: r, group_wait: five}, receivers: [{name: r}]}");
        invalid.put("unknown route key", "{route: {receiver: r, severity: x}, receivers: [{name: r}]}");
        invalid.put("duplicate receiver", "{route: {receiver: r}, receivers: [{name: r}, {name: r}]}");
        invalid.put("child undefined receiver", "{route: {receiver: r, routes: [{receiver: s}]}, receivers: [{name: r}]}");
        invalid.put("group_by bad label name", "{route: {receiver: r, group_by: [bad-name]}, receivers: [{name: r}]}");
        invalid.put("inhibit bad matcher", "{route: {receiver: r}, receivers: [{name: r}], inhibit_rules: [{source_matchers: ['a>>b'], target_matchers: [b=c]}]}");
        invalid.forEach((name, yaml) -> {
            Map<String, Object> doc = RepoFiles.yaml(yaml);
            Path file = Amtool.write(dir, "invalid-" + name.replace(' ', '-'), doc);
            cases.add(new Case("invalid " + name + " check-config", () -> coreValid(doc), () -> validity(amtool.checkConfig(file)),
                    null));
        });
    }

    /**
     * The configs the repo ships: as written (core's extensions make amtool refuse them, see {@link Differences}),
     * and their routing part alone (route, inhibit rules, receivers by name), which both must route alike.
     */
    private static void addShipped(List<Case> cases, Amtool amtool, Path dir, Random random) throws IOException {
        for (String path : SHIPPED) {
            Path file = RepoFiles.root().resolve(path);
            Map<String, Object> doc = RepoFiles.yaml(file);
            cases.add(new Case(path + " check-config", () -> coreValid(doc), () -> validity(amtool.checkConfig(file)),
                    Differences.SHIPPED.get(path)));
            Map<String, Object> routing = routingPart(doc);
            Path projected = Amtool.write(dir, "shipped-" + SHIPPED.indexOf(path), routing);
            addConfigCases(cases, amtool, path + " (routing part)", routing, projected, null);
            RouteGenerator g = new RouteGenerator(SEED);
            for (int l = 0; l < LABEL_SETS; l++) {
                addTest(cases, amtool, path + " (routing part) labels " + l, routing, projected, g.labels(), random, null);
            }
        }
    }

    /** Configs Alertmanager accepts and core's apply refuses (parse, secret references, outbound guard). */
    private static void addStricter(List<Case> cases, Amtool amtool, Path dir) {
        String route = "route: {receiver: r}, receivers: [{name: r, ";
        Map<String, String> stricter = new LinkedHashMap<>();
        stricter.put("literal credential", route + "pagerduty_configs: [{routing_key: abc123}]}]");
        stricter.put("private webhook target", route + "webhook_configs: [{url: 'http://10.0.0.1/hook'}]}]");
        stricter.put("template files", route + "webhook_configs: [{url: 'https://hooks.example.com/x'}]}], templates: ['t/*.tmpl']");
        stricter.put("unsupported integration", route + "opsgenie_configs: [{api_key: k}]}]");
        stricter.forEach((name, yaml) -> {
            Map<String, Object> doc = RepoFiles.yaml("{" + yaml + "}");
            Path file = Amtool.write(dir, "stricter-" + name.replace(' ', '-'), doc);
            cases.add(new Case("stricter " + name + " check-config", () -> coreApplies(doc), () -> validity(amtool.checkConfig(file)),
                    Differences.STRICTER.get(name)));
        });
    }

    /** Whether the API's apply would store {@code doc}: parse, secret references, outbound guard. */
    private static String coreApplies(Map<String, Object> doc) {
        RoutingService service = new RoutingService(new io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore(),
                new io.quantsinfra.core.inmemory.InMemorySecretValues(), io.quantsinfra.core.egress.EgressGuard.strict(),
                java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
        try {
            service.apply(doc, "differential");
            return "valid";
        } catch (InvalidInputException e) {
            return "invalid";
        }
    }

    private static void addBadLabels(List<Case> cases, Amtool amtool, Path dir) {
        Map<String, Object> doc = RepoFiles.yaml("{route: {receiver: r, routes: [{matchers: ['a=\"x y\"'], receiver: s}]}, "
                + "receivers: [{name: r}, {name: s}]}");
        Path file = Amtool.write(dir, "labels", doc);
        for (String arg : List.of("foo", "a!=b", "a=~b", "{c=d}", "a=\"x", "a=x\"y", "1a=b", "a:b=c", "a=\"x y\"", " a = x ",
                "a=\"x\\\"y\"", "a=x\\", "a=\"\"", "a=", "a=x y", "a=\"x\\ny\"", "a-b=c")) {
            cases.add(new Case("label argument " + arg, () -> coreTest(doc, List.of(arg), List.of(), false),
                    () -> amtool.test(file, List.of(arg), List.of(), false), null));
        }
    }

    /** A config with only what routing reads: amtool accepts it whatever the receivers' integrations were. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> routingPart(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("route", doc.get("route"));
        List<Object> names = new ArrayList<>();
        ((List<Object>) doc.get("receivers")).forEach(r -> names.add(Map.of("name", ((Map<String, Object>) r).get("name"))));
        out.put("receivers", names);
        if (doc.get("inhibit_rules") != null) {
            out.put("inhibit_rules", doc.get("inhibit_rules"));
        }
        return out;
    }

    // The core side: the calls RoutingService makes for the API and the CLI (parse, labels, test, show).

    private static String coreTest(Map<String, Object> doc, List<String> labels, List<String> verify, boolean tree) {
        try {
            RouteTest.Result r = RouteTest.run(RoutingConfigs.parse(doc), RouteLabels.parse(labels), verify, tree);
            return "exit " + (r.verified() ? 0 : 1) + "\n" + r.output();
        } catch (InvalidInputException e) {
            return "exit 1\nrefused";
        }
    }

    private static String coreShow(Map<String, Object> doc) {
        return "exit 0\n" + RouteTest.show(RoutingConfigs.parse(doc));
    }

    private static String coreValid(Map<String, Object> doc) {
        try {
            RoutingConfigs.parse(doc);
            return "valid";
        } catch (InvalidInputException e) {
            return "invalid";
        }
    }

    private static Amtool.Run validity(Amtool.Run r) {
        return new Amtool.Run(r.exit(), r.exit() == 0 ? "valid" : "invalid", r.out());
    }

    private static String shown(Amtool.Run r) {
        if (r.out().equals("valid") || r.out().equals("invalid")) {
            return r.out();
        }
        return "exit " + r.exit() + "\n" + (r.exit() != 0 && r.err().contains("Failed to parse labels") ? "refused" : r.out());
    }

    private static List<Outcome> run(List<Case> cases) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(pool.submit(() -> new Outcome(c.name(), c.core().get(), shown(c.amtool().get()), c.explained())));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String visible(String s) {
        return s.replace(" ", "·").replace("\n", "⏎\n");
    }

    private static void report(List<Outcome> outcomes) {
        long agree = outcomes.stream().filter(Outcome::agree).count();
        List<Outcome> disagree = outcomes.stream().filter(o -> !o.agree()).toList();
        Map<String, List<String>> explained = new TreeMap<>();
        List<Outcome> unexplained = new ArrayList<>();
        for (Outcome o : disagree) {
            if (o.explained() != null) {
                explained.computeIfAbsent(o.explained(), k -> new ArrayList<>()).add(o.name());
            } else {
                unexplained.add(o);
            }
        }
        System.out.println("routing differential: " + outcomes.size() + " cases, " + agree + " agree, " + disagree.size()
                + " disagree (explained: " + (explained.isEmpty() ? "none" : String.join("; ",
                explained.entrySet().stream().map(e -> e.getValue().size() + " × " + e.getKey() + " " + e.getValue()).toList())) + ")");
        List<String> stale = outcomes.stream().filter(o -> o.agree() && o.explained() != null).map(Outcome::name).toList();
        assertEquals(List.of(), stale, "listed as differences but agree now: remove them from Differences");
        assertTrue(unexplained.isEmpty(), () -> unexplained.size() + " unexplained disagreement(s), first: "
                + unexplained.stream().limit(5).map(o -> o.name() + "\n--- core\n" + visible(o.core()) + "\n--- amtool\n" + visible(o.amtool()))
                .reduce("", (a, b) -> a + "\n" + b));
        assertTrue(outcomes.size() > 2000, "the differential covers some thousands of cases");
    }
}
