import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Counts the house limits (STYLE.md rule 12) over functions/*&#47;src/main with the JDK's own parser
 * (com.sun.source, parse only): methods and constructors over 40 lines, counted from the first line
 * of the declaration (annotations included, Javadoc not) to its closing brace, lambdas and nested
 * classes' methods counted on their own; files over 400 physical lines. Run by scripts/house-limits.sh.
 */
public class HouseLimits {
    record Finding(int lines, String where) {}

    public static void main(String[] args) throws Exception {
        boolean verbose = args.length > 0 && args[0].equals("-v");
        List<Path> files = new ArrayList<>();
        try (var modules = Files.newDirectoryStream(Path.of("functions"))) {
            for (Path module : modules) {
                Path main = module.resolve("src/main");
                if (!Files.isDirectory(main)) continue;
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        files.sort(null);
        var compiler = ToolProvider.getSystemJavaCompiler();
        var fm = compiler.getStandardFileManager(null, null, null);
        var task = (JavacTask) compiler.getTask(null, fm, null, List.of("--enable-preview", "--release", "25", "-proc:none"), null,
                fm.getJavaFileObjectsFromPaths(files));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Finding> methods = new ArrayList<>();
        List<Finding> longFiles = new ArrayList<>();
        for (CompilationUnitTree unit : task.parse()) {
            var lineMap = unit.getLineMap();
            String path = Path.of("").toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri())).toString();
            long fileLines = Files.readAllLines(Path.of(unit.getSourceFile().toUri())).size();
            if (fileLines > 400) longFiles.add(new Finding((int) fileLines, path));
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    if (method.getBody() != null) {
                        long begin = lineMap.getLineNumber(positions.getStartPosition(unit, method));
                        long end = lineMap.getLineNumber(positions.getEndPosition(unit, method));
                        int n = (int) (end - begin + 1);
                        if (n > 40) methods.add(new Finding(n, path + ":" + begin + " " + method.getName()));
                    }
                    return super.visitMethod(method, unused);
                }
            }.scan(unit, null);
        }
        methods.sort(Comparator.comparingInt(Finding::lines).reversed());
        longFiles.sort(Comparator.comparingInt(Finding::lines).reversed());
        if (verbose) {
            methods.forEach(m -> System.out.println("method " + m.lines() + " " + m.where()));
            longFiles.forEach(f -> System.out.println("file " + f.lines() + " " + f.where()));
        }
        System.out.println(files.size() + " files in functions/*/src/main: " + methods.size()
                + " methods over 40 lines, " + longFiles.size() + " files over 400 lines");
    }
}
