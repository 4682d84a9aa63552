package io.quantsinfra.benchmarks.jar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * What the shaded Lambda jar is made of: its size, then the ten largest contributors by compressed size,
 * once by the original artifact each entry came from and once by top-level package.
 * An entry is attributed to the first element of the given classpath that holds the same name (so a name
 * several artifacts share, like {@code META-INF/MANIFEST.MF} or a merged service file, counts for the first);
 * entries no element holds are counted as "(merged/generated)".
 *
 * {@snippet lang=sh :
 * java -cp target/classes io.quantsinfra.benchmarks.jar.JarComposition quants-infra-api-lambda.jar "$(cat target/benchmark-classpath.txt)"
 * }
 */
public final class JarComposition {
    private static final int TOP = 10;
    private static final String MERGED = "(merged/generated)";

    private JarComposition() {}

    /** One contributor: how many entries, and their compressed and uncompressed bytes. */
    record Share(String name, int entries, long compressed, long uncompressed) {
        Share plus(ZipEntry e) {
            return new Share(name, entries + 1, compressed + Math.max(0, e.getCompressedSize()), uncompressed + Math.max(0, e.getSize()));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JarComposition LAMBDA_JAR [CLASSPATH]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Map<String, String> origin = args.length > 1 ? origins(args[1], jar) : Map.of();
        Map<String, Share> byArtifact = new HashMap<>();
        Map<String, Share> byPackage = new HashMap<>();
        long compressed = 0;
        long uncompressed = 0;
        int entries = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry e : file.stream().filter(e -> !e.isDirectory()).toList()) {
                entries++;
                compressed += Math.max(0, e.getCompressedSize());
                uncompressed += Math.max(0, e.getSize());
                String artifact = origin.getOrDefault(e.getName(), MERGED);
                byArtifact.merge(artifact, new Share(artifact, 0, 0, 0).plus(e), JarComposition::sum);
                String pkg = topLevelPackage(e.getName());
                byPackage.merge(pkg, new Share(pkg, 0, 0, 0).plus(e), JarComposition::sum);
            }
        }
        long size = Files.size(jar);
        System.out.printf("Lambda jar: %s%n", jar);
        System.out.printf("  size: %,d bytes = %.2f MiB (%,d entries; %.2f MiB uncompressed)%n",
                size, mib(size), entries, mib(uncompressed));
        if (!origin.isEmpty()) {
            print("Top " + TOP + " by original artifact (compressed size in the jar)", byArtifact, compressed);
            Share merged = byArtifact.getOrDefault(MERGED, new Share(MERGED, 0, 0, 0));
            System.out.printf("  (%d artifacts in all; %d entries, %.0f KiB held by none of them: merged or generated)%n",
                    byArtifact.size() - (byArtifact.containsKey(MERGED) ? 1 : 0), merged.entries(), merged.compressed() / 1024.0);
        }
        print("Top " + TOP + " by top-level package (compressed size in the jar)", byPackage, compressed);
    }

    private static Share sum(Share a, Share b) {
        return new Share(a.name(), a.entries() + b.entries(), a.compressed() + b.compressed(), a.uncompressed() + b.uncompressed());
    }

    private static void print(String title, Map<String, Share> shares, long total) {
        System.out.println();
        System.out.println(title + ":");
        System.out.printf("  %-62s %9s %6s %8s %7s%n", "", "KiB", "%", "entries", "KiB raw");
        shares.values().stream()
                .sorted(Comparator.comparingLong(Share::compressed).reversed())
                .limit(TOP)
                .forEach(s -> System.out.printf("  %-62s %9.0f %5.1f%% %8d %7.0f%n", s.name(), s.compressed() / 1024.0,
                        100.0 * s.compressed() / total, s.entries(), s.uncompressed() / 1024.0));
    }

    /** Entry name to the artifact that holds it, first classpath element first; the jar itself is skipped. */
    static Map<String, String> origins(String classpath, Path self) {
        Map<String, String> origin = new HashMap<>();
        for (String element : classpath.split(java.io.File.pathSeparator)) {
            if (element.isBlank()) {
                continue;
            }
            Path p = Path.of(element);
            if (!Files.exists(p) || p.toAbsolutePath().normalize().equals(self.toAbsolutePath().normalize())) {
                continue;
            }
            String artifact = artifactName(p);
            for (String name : names(p)) {
                origin.putIfAbsent(name, artifact);
            }
        }
        return origin;
    }

    private static List<String> names(Path element) {
        try {
            if (Files.isDirectory(element)) {
                try (Stream<Path> files = Files.walk(element)) {
                    return files.filter(Files::isRegularFile)
                            .map(f -> element.relativize(f).toString().replace(java.io.File.separatorChar, '/')).toList();
                }
            }
            try (JarFile jar = new JarFile(element.toFile())) {
                List<String> names = new ArrayList<>();
                jar.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
                return names;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + element, e);
        }
    }

    /**
     * {@code group:artifact} from a Maven repository path ({@code .../group/path/artifact/version/artifact-version.jar}),
     * or the module for a reactor build output ({@code .../functions/core/target/classes}).
     */
    static String artifactName(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        int repo = -1;
        for (int i = 0; i < n; i++) {
            if (abs.getName(i).toString().equals("repository")) {
                repo = i;
            }
        }
        if (repo >= 0 && n - repo >= 4 && abs.toString().endsWith(".jar")) {
            String artifact = abs.getName(n - 3).toString();
            StringBuilder group = new StringBuilder();
            for (int i = repo + 1; i < n - 3; i++) {
                group.append(group.isEmpty() ? "" : ".").append(abs.getName(i));
            }
            return group + ":" + artifact;
        }
        if (n >= 3 && abs.getName(n - 2).toString().equals("target")) {
            return "io.quantsinfra:" + abs.getName(n - 3) + " (module)";
        }
        return abs.getFileName().toString();
    }

    /**
     * The entry's top-level package, dotted: its first three segments ({@code io.micronaut.http}), except
     * that the AWS SDK, one package root for every service, is split per module
     * ({@code software.amazon.awssdk.services.ec2}, {@code software.amazon.awssdk.core}).
     */
    static String topLevelPackage(String entry) {
        String[] dirs = java.util.Arrays.copyOf(entry.split("/"), Math.max(0, entry.split("/").length - 1));
        if (dirs.length == 0) {
            return "(root)";
        }
        int keep = 3;
        if (dirs.length > 3 && dirs[0].equals("software") && dirs[1].equals("amazon") && dirs[2].equals("awssdk")) {
            keep = dirs[3].equals("services") ? 5 : 4;
        }
        return String.join(".", java.util.Arrays.copyOf(dirs, Math.min(keep, dirs.length)));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
