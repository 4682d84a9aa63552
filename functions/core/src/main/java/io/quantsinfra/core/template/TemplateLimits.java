package io.quantsinfra.core.template;

/**
 * The bounds every template works within, so that no template text and no data can make a render run away with
 * time, memory or stack. The first three are checked when a template is compiled (so a config or rule file
 * carrying an offending template is refused when it is applied); the rest while it renders, as the work is done.
 */
public final class TemplateLimits {
    /** Characters of template source. */
    public static final int MAX_SOURCE_CHARS = 64 * 1024;
    /** Open {@code if/range/with/define/block} blocks and parentheses inside one another. */
    public static final int MAX_NESTING = 32;
    /** Width or precision of one {@code printf} verb (literal formats are checked at compile time). */
    public static final int MAX_PRINTF_WIDTH = 1000;
    /** Characters one render may produce; counted as they are appended, so a larger text is never built. */
    public static final int MAX_OUTPUT_CHARS = 256 * 1024;
    /** Characters of any one string value a function builds ({@code printf}, {@code print}, {@code join} ...). */
    public static final int MAX_VALUE_CHARS = MAX_OUTPUT_CHARS;
    /** {@code range} iterations in one render, over all loops (nested loops multiply). */
    public static final int MAX_RANGE_ITERATIONS = 50_000;
    /** Nodes executed and functions called in one render. */
    public static final int MAX_STEPS = 1_000_000;
    /** {@code template} calls inside one another (recursive {@code define}s stop here). */
    public static final int MAX_CALL_DEPTH = 16;
    /**
     * Blocks and {@code template} calls open at once while rendering, counted through calls: what keeps a deep
     * template calling itself within a small thread stack.
     */
    public static final int MAX_RENDER_DEPTH = 100;
    /** Characters a regular expression ({@code match}, {@code reReplaceAll}) may look at in one render. */
    public static final int MAX_REGEX_STEPS = 1_000_000;

    private TemplateLimits() {}
}
