package io.quantsinfra.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The Lambda jar the build produces: what AWS runs, without what only local mode needs. */
class LambdaJarTest {
    private static final Path JAR = Path.of("..", "api", "target", "quants-infra-api-lambda.jar");

    @Test
    void lambdaJar_holdsTheHandlerAndItsOpenApiDocument() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "built by the api module's package phase: " + JAR.toAbsolutePath());
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNotNull(jar.getEntry("io/quantsinfra/api/ApiHandler.class"));
            assertNotNull(jar.getEntry("META-INF/openapi/quants-infra.yml"));
        }
    }

    @Test
    void lambdaJar_leavesOutLocalModeAndTheEc2Client_andFitsLambdasZipLimit() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNull(jar.getEntry("software/amazon/awssdk/services/ec2/Ec2Client.class"));
            assertNull(jar.getEntry("io/quantsinfra/api/local/LocalMode.class"));
            assertNull(jar.getEntry("io/quantsinfra/aws/local/LocalAccount.class"));
        }
        long size = Files.size(JAR);
        System.out.printf("Lambda jar: %d bytes (%.1f MiB)%n", size, size / 1048576.0);
        assertTrue(size < 50_000_000L, "Lambda accepts direct uploads up to 50 MB zipped; the jar is " + size);
    }
}
