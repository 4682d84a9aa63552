package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.rule.AlertRule;
import io.quantsinfra.core.rule.RuleFiles;
import io.quantsinfra.core.rule.Runbooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every alert of every rule file shipped in {@code docs/rules/} has a runbook page, and the link the alert
 * carries (its own {@code runbook_url}, or the one {@link Runbooks} builds under {@code QUANTS_INFRA_DOCS_URL})
 * names that page in the built site. The rule files are read, not listed here, so a new pack needs its pages.
 */
class RunbookPagesTest {
    private static final String DOCS_URL = "http://127.0.0.1:8080";

    /** One shipped alert and the runbook path its link names (relative to the site's origin). */
    record Shipped(String file, String alert, String link) {}

    static List<Shipped> shippedAlerts() {
        List<Shipped> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SiteBuild.root().resolve("docs/rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) new Yaml().load(Files.readString(f));
                if (doc == null || !doc.containsKey("groups")) {
                    continue; // a routing config (Alertmanager-shaped), not a rule file
                }
                for (var group : RuleFiles.parse(f.getFileName().toString(), doc)) {
                    for (AlertRule rule : group.rules()) {
                        var own = rule.annotationTemplates().get("runbook_url");
                        String link = own != null ? own.source() : Runbooks.url(rule.alert(), DOCS_URL).orElse(null);
                        out.add(new Shipped(f.getFileName().toString(), rule.alert(), link));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void everyShippedAlert_hasARunbookPage() {
        List<Shipped> alerts = shippedAlerts();
        assertTrue(alerts.size() >= 14, "the shipped rule files hold the default pack and seed 004's rules: " + alerts);
        List<String> missing = new ArrayList<>();
        for (Shipped a : alerts) {
            if (a.link() == null) {
                missing.add(a.file() + ": " + a.alert() + " has neither a runbook_url nor a page in Runbooks.PAGES");
                continue;
            }
            String page = pagePath(a.link());
            if (page == null || !Files.isRegularFile(SiteBuild.root().resolve("docs" + page + ".md"))) {
                missing.add(a.file() + ": " + a.alert() + " links " + a.link() + ", which is no page under docs/");
            }
        }
        assertEquals(List.of(), missing);
        System.out.println("runbooks: " + alerts.size() + " shipped alerts, every one with its page");
    }

    @Test
    void everyRunbookLink_resolvesToItsPage_inTheBuiltSite() throws IOException {
        Path dist = SiteBuild.dist();
        for (Shipped a : shippedAlerts()) {
            String page = pagePath(a.link());
            Path html = dist.resolve(page.substring(1) + ".html");
            assertTrue(Files.isRegularFile(html), a.alert() + " → " + a.link() + ": the built site has no " + html);
            String text = Files.readString(html);
            assertTrue(text.contains("<h1"), html + " has a heading");
            assertFalse(text.contains("404 | quants-infra"), html + " is not the 404 page");
        }
    }

    @Test
    void runbooksLink_withoutADocsUrl_isTheRepositoryPath_andWithOne_isTheSitePage() {
        assertEquals("docs/runbooks/high-drawdown.md", Runbooks.url("HighDrawdown", null).orElseThrow());
        assertEquals("https://ops.example/runbooks/high-drawdown", Runbooks.url("HighDrawdown", "https://ops.example/").orElseThrow());
    }

    /** "/runbooks/x" for a link under the docs URL or a repository path docs/runbooks/x.md; null otherwise. */
    static String pagePath(String link) {
        if (link.startsWith(Runbooks.REPOSITORY_DOCS + "/")) {
            return "/" + link.substring(Runbooks.REPOSITORY_DOCS.length() + 1).replaceFirst("\\.md$", "");
        }
        if (!link.startsWith(DOCS_URL + "/")) {
            return null;
        }
        String path = URI.create(link).getPath();
        return path.replaceFirst("\\.html$", "").replaceFirst("/$", "/index");
    }
}
