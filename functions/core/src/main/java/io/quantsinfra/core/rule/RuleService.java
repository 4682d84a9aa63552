package io.quantsinfra.core.rule;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies, lists, reads and deletes rule files. A file is validated whole before anything is stored; applying
 * the same document again stores nothing; each change makes a new version.
 *
 * {@snippet :
 * RuleService.Applied a = rules.apply("default", document, "alice");
 * // a.version() == 1, a.rules() == 7
 * }
 */
public final class RuleService {
    private final RuleStore store;
    private final Clock clock;

    public RuleService(RuleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What an apply did; {@code warnings} name each rule the monitor's Prometheus evaluates (it needs a deployed
     * monitor), one line each.
     */
    public record Applied(String name, long version, int groups, int rules, boolean unchanged, List<String> warnings) {
        public Applied {
            warnings = List.copyOf(warnings);
        }

        public Applied(String name, long version, int groups, int rules, boolean unchanged) {
            this(name, version, groups, rules, unchanged, List.of());
        }
    }

    /** One file in a listing; {@code byPrometheus} names the alerts the monitor's Prometheus evaluates. */
    public record Summary(String name, long version, int groups, int rules, String updatedAt, String updatedBy,
                          List<String> alerts, List<String> byPrometheus) {}

    /** All groups of all files, and the files that no longer validate (skipped, named with the reason). */
    public record Loaded(List<RuleGroup> groups, List<String> errors) {}

    public Applied apply(String name, Map<String, Object> document, String actor) {
        RuleFiles.checkName(name);
        if (document == null) {
            throw new InvalidInputException("groups", "the rule file is empty");
        }
        List<RuleGroup> groups = RuleFiles.parse(name, document);
        int rules = groups.stream().mapToInt(g -> g.rules().size()).sum();
        List<String> warnings = prometheusWarnings(groups);
        StoredRuleFile current = store.get(name).orElse(null);
        if (current != null && sameDocument(current.document(), document)) {
            return new Applied(name, current.version(), groups.size(), rules, true, warnings);
        }
        long version = current == null ? 1 : current.version() + 1;
        store.put(new StoredRuleFile(name, version, document, clock.instant(), actor));
        return new Applied(name, version, groups.size(), rules, false, warnings);
    }

    /** One line per rule the monitor's Prometheus evaluates. */
    static List<String> prometheusWarnings(List<RuleGroup> groups) {
        List<String> out = new ArrayList<>();
        for (RuleGroup g : groups) {
            for (AlertRule r : g.rules()) {
                if (r.byPrometheus()) {
                    out.add("group '" + g.name() + "', rule '" + r.alert() + "': evaluated by the monitor's Prometheus ("
                            + r.prometheus() + "); it needs a deployed monitor (quants-infra deploy --service monitor), and each "
                            + "cycle without one reports it as an evaluation error");
                }
            }
        }
        return out;
    }

    /** Equal as JSON: a document read back from the store may hold 1 where the request held 1 (Long vs Integer). */
    static boolean sameDocument(Map<String, Object> a, Map<String, Object> b) {
        return io.quantsinfra.core.json.Json.write(a).equals(io.quantsinfra.core.json.Json.write(b));
    }

    public List<Summary> list() {
        List<Summary> out = new ArrayList<>();
        for (StoredRuleFile f : store.list()) {
            out.add(summary(f));
        }
        return out;
    }

    public StoredRuleFile get(String name) {
        RuleFiles.checkName(name);
        return store.get(name).orElseThrow(() -> new NotFoundException("rule file " + name + " does not exist"));
    }

    public Summary summary(StoredRuleFile f) {
        List<RuleGroup> groups;
        try {
            groups = RuleFiles.parse(f.name(), f.document());
        } catch (InvalidInputException e) {
            groups = List.of();
        }
        return new Summary(f.name(), f.version(), groups.size(), groups.stream().mapToInt(g -> g.rules().size()).sum(),
                f.updatedAt().toString(), f.updatedBy(),
                groups.stream().flatMap(g -> g.rules().stream()).map(AlertRule::alert).distinct().toList(),
                groups.stream().flatMap(g -> g.rules().stream()).filter(AlertRule::byPrometheus).map(AlertRule::alert)
                        .distinct().toList());
    }

    public void delete(String name) {
        RuleFiles.checkName(name);
        store.delete(name);
    }

    /** Every stored file's groups, for the evaluator. */
    public Loaded load() {
        List<RuleGroup> groups = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (StoredRuleFile f : store.list()) {
            try {
                groups.addAll(RuleFiles.parse(f.name(), f.document()));
            } catch (InvalidInputException e) {
                errors.add("rule file " + f.name() + " v" + f.version() + " no longer validates and is skipped: " + e.getMessage());
            }
        }
        return new Loaded(groups, errors);
    }
}
