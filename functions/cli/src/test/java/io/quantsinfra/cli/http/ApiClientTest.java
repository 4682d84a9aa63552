package io.quantsinfra.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantsinfra.cli.CliException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiClientTest {
    @ParameterizedTest(name = "HTTP {0} exits {1}")
    @CsvSource({"400,2", "409,2", "422,2", "404,3", "401,4", "403,4", "502,4", "503,4", "504,5", "500,1"})
    void exitCode_followsTheDesignTaxonomy(int status, int exit) {
        assertEquals(exit, ApiClient.exitCode(status));
    }

    @org.junit.jupiter.api.Test
    void send_reportsAnUnreachableLocalApi_withAHintToStartLocalMode() {
        ApiClient client = new ApiClient(java.net.URI.create("http://127.0.0.1:1"), RequestSigner.NONE, "me");
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> client.get("/v1/status"));
        assertEquals(CliException.CONNECTION, e.exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("./quants-infra local"), e.getMessage());
    }
}
