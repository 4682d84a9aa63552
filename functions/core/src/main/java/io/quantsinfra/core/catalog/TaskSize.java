package io.quantsinfra.core.catalog;

import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Task-level cpu (1/1024 vCPU) and memory (MiB) in one of the combinations Fargate accepts:
 * 256 with 512, 1024 or 2048; 512 with 1024-4096; 1024 with 2048-8192; 2048 with 4096-16384;
 * 4096 with 8192-30720 (steps of 1024 above 256).
 *
 * {@snippet :
 * TaskSize size = TaskSize.resolve(new Overrides(null, 1024, null, null), new TaskSize(512, 1024)); // 1024/2048
 * }
 */
public record TaskSize(int cpu, int memory) {
    private static final List<Integer> CPUS = List.of(256, 512, 1024, 2048, 4096);

    public TaskSize {
        if (!isValid(cpu, memory)) {
            throw new IllegalArgumentException("not a Fargate size: cpu " + cpu + ", memory " + memory);
        }
    }

    /** Whether Fargate accepts this combination. */
    public static boolean isValid(int cpu, int memory) {
        return memoriesFor(cpu).contains(memory);
    }

    /** The memory sizes Fargate accepts with {@code cpu}, ascending; empty for an unknown cpu. */
    public static List<Integer> memoriesFor(int cpu) {
        if (cpu == 256) {
            return List.of(512, 1024, 2048);
        }
        int min = switch (cpu) {
            case 512 -> 1024;
            case 1024 -> 2048;
            case 2048 -> 4096;
            case 4096 -> 8192;
            default -> 0;
        };
        int max = switch (cpu) {
            case 512 -> 4096;
            case 1024 -> 8192;
            case 2048 -> 16384;
            case 4096 -> 30720;
            default -> -1;
        };
        List<Integer> out = new ArrayList<>();
        for (int m = min; m <= max && min > 0; m += 1024) {
            out.add(m);
        }
        return List.copyOf(out);
    }

    /**
     * The size for a deploy: the overrides where given, the defaults otherwise. When only one of cpu and
     * memory is overridden and the default of the other does not fit, the other is adjusted to the nearest
     * fitting value (smallest memory not below the default; smallest cpu that takes the memory). When
     * both are given they must fit together.
     */
    public static TaskSize resolve(Overrides overrides, TaskSize defaults) {
        Integer cpu = overrides.cpu();
        Integer memory = overrides.memory();
        if (cpu != null && !CPUS.contains(cpu)) {
            throw new InvalidInputException("overrides.cpu",
                    "must be one of 256, 512, 1024, 2048, 4096 (Fargate cpu units, 1024 = 1 vCPU), got " + cpu);
        }
        if (memory != null && CPUS.stream().noneMatch(c -> isValid(c, memory))) {
            throw new InvalidInputException("overrides.memory",
                    "no Fargate cpu size takes " + memory + " MiB; use 512, 1024, 2048, or a multiple of 1024 up to 30720");
        }
        if (cpu != null && memory != null) {
            if (!isValid(cpu, memory)) {
                throw new InvalidInputException("overrides.memory",
                        memory + " MiB does not fit cpu " + cpu + "; Fargate takes " + describe(cpu) + " with it");
            }
            return new TaskSize(cpu, memory);
        }
        if (cpu != null) {
            List<Integer> fits = memoriesFor(cpu);
            int m = fits.stream().filter(x -> x >= defaults.memory()).findFirst().orElse(fits.getLast());
            return new TaskSize(cpu, m);
        }
        if (memory != null) {
            if (isValid(defaults.cpu(), memory)) {
                return new TaskSize(defaults.cpu(), memory);
            }
            int c = CPUS.stream().filter(x -> isValid(x, memory)).findFirst().orElseThrow();
            return new TaskSize(c, memory);
        }
        return defaults;
    }

    private static String describe(int cpu) {
        List<Integer> m = memoriesFor(cpu);
        return cpu == 256 ? "512, 1024 or 2048 MiB" : m.getFirst() + " to " + m.getLast() + " MiB in steps of 1024";
    }
}
