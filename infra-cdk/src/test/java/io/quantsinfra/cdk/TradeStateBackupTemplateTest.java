package io.quantsinfra.cdk;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The file system that holds the bots' trade databases (docs/services.md, "Trade state") is backed up. */
class TradeStateBackupTemplateTest {
    private final Template instances = SynthesizedApp.standard().template("Instances");

    @Test
    void tradeStateFileSystem_hasAutomaticBackupsEnabled() {
        instances.hasResourceProperties("AWS::EFS::FileSystem", Match.objectLike(Map.of(
                "BackupPolicy", Map.of("Status", "ENABLED"))));
    }
}
