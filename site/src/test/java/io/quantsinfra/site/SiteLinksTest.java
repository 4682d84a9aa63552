package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code site/tests/check-links.mjs} over the built site: no broken internal link or anchor; and it can fail. */
class SiteLinksTest {
    private static SiteBuild.Run check(Path dist) {
        return SiteBuild.run(List.of("node", "tests/check-links.mjs", dist.toString()), SiteBuild.root().resolve("site"), 120);
    }

    @Test
    void builtSite_hasNoBrokenInternalLinkOrAnchor() {
        SiteBuild.Run r = check(SiteBuild.dist());
        System.out.print(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().matches("(?s).*links: \\d+ pages, \\d+ links checked, 0 broken.*"), r.output());
    }

    @Test
    void checker_reportsAMissingPageAndAMissingAnchor(@TempDir Path dist) throws IOException {
        Files.writeString(dist.resolve("index.html"), "<h1 id=\"top\">x</h1><a href=\"/runbooks/none\">a</a>"
                + "<a href=\"/other#nowhere\">b</a><a href=\"#top\">c</a>");
        Files.writeString(dist.resolve("other.html"), "<h1 id=\"here\">other</h1>");
        SiteBuild.Run r = check(dist);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("/runbooks/none (no such page or file)"), r.output());
        assertTrue(r.output().contains("/other#nowhere (no element with id \"nowhere\")"), r.output());
        assertTrue(r.output().contains("links: 2 pages, 3 links checked, 2 broken"), r.output());
    }
}
