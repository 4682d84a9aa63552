package io.quantsinfra.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.api.local.LocalMode;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local mode serving the built site, driven by Debian's chromium ({@code site/tests/browser.mjs}): the home page
 * loads without console errors, search finds a runbook, the console lists a deployed instance and a firing alert,
 * its runbook link opens the page, and a silence created from the console mutes the alert. Fails — never skips —
 * when chromium is missing ({@code scripts/tools-env.sh} installs it).
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteBrowserTest {
    private LocalMode local;

    @BeforeAll
    void start(AwsEmulator aws) throws Exception {
        local = DeployedLocalMode.start(aws);
    }

    @AfterAll
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        return DeployedLocalMode.call(local, method, path, body);
    }

    @Test
    void site_search_runbookLinks_andConsole_workInChromium() {
        assertTrue(Files.isExecutable(java.nio.file.Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))),
                "Debian's chromium is missing: scripts/tools-env.sh installs it (apt-get install chromium)");
        SiteBuild.Run r = SiteBuild.run(List.of("node", "tests/browser.mjs", "http://127.0.0.1:" + local.port(), "--console"),
                SiteBuild.root().resolve("site"), 180);
        System.out.print(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("checks passed"), r.output());
    }

    @Test
    void siteAndApi_shareTheOrigin_andThePagesCarryTheCsp() throws Exception {
        var page = call("GET", "/runbooks/high-cpu", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
        assertEquals(404, call("GET", "/no/such/page", null).statusCode());
        assertEquals(200, call("GET", "/v1/status", null).statusCode());
        assertEquals(404, call("GET", "/../pom.xml", null).statusCode());
    }
}
