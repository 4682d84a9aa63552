package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * A Lambda jar and a handler in it ({@code io.quantsinfra.api.ApiHandler::handleRequest}). Synth refuses a
 * missing jar, with the command that builds it; {@link #has} lets optional handlers be left out until their
 * classes exist.
 *
 * {@snippet :
 * LambdaArtifact api = LambdaArtifact.require(jar, "io.quantsinfra.api.ApiHandler::handleRequest");
 * }
 */
public record LambdaArtifact(Path jar, String handler) {
    private static final Pattern HANDLER = Pattern.compile("((?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*)::([a-z][A-Za-z0-9_]*)");

    public LambdaArtifact {
        if (!HANDLER.matcher(handler).matches()) {
            throw new QuantsInfraCdkException("a Java handler is 'package.Class::method', got '" + handler + "'");
        }
    }

    /** The jar and handler, failing when the jar or the handler class is missing. */
    public static LambdaArtifact require(Path jar, String handler) {
        LambdaArtifact a = new LambdaArtifact(jar, handler);
        if (!Files.isRegularFile(jar)) {
            throw new MissingArtifactException(jar + " does not exist. Build the Lambda jars first, from the repository root: "
                    + "./mvnw -q -B -DskipTests -pl functions/api -am package");
        }
        if (!a.classPresent()) {
            throw new MissingArtifactException(jar + " has no class " + a.className() + " (handler " + handler
                    + "): rebuild the jar");
        }
        return a;
    }

    /** Whether the jar exists and holds the handler's class. */
    public static boolean has(Path jar, String handler) {
        return Files.isRegularFile(jar) && new LambdaArtifact(jar, handler).classPresent();
    }

    /** The handler's class name. */
    public String className() {
        Matcher m = HANDLER.matcher(handler);
        m.matches();
        return m.group(1);
    }

    private boolean classPresent() {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(className().replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new MissingArtifactException(jar + " is not a readable jar: " + e.getMessage());
        }
    }

    /** The Lambda jar or its handler class is missing. */
    public static final class MissingArtifactException extends QuantsInfraCdkException {
        MissingArtifactException(String message) {
            super(message);
        }
    }
}
