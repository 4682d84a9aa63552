package io.quantsinfra.api;

/**
 * The request constraints core enforces, as the OpenAPI document states them (JSON Schema patterns): kept beside
 * each other so the document says what the code checks. The checks themselves stay in core.
 */
public final class ApiPatterns {
    /** {@code InstanceId}: {@code <service>-<n>}, n 1..999. */
    public static final String INSTANCE = "^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*-[1-9][0-9]{0,2}$";
    /** {@code SecretNames}: A-Z a-z 0-9 / _ + = . @ -, no empty path segment. */
    public static final String SECRET_NAME = "^[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+)*$";
    /** {@code SecretNames}: at most 512 characters with the prefix ({@code quants-infra/}, 13). */
    public static final int SECRET_NAME_MAX = 499;
    /** {@code SecretNames.checkValue}: text without control characters (tab and line breaks allowed). */
    public static final String SECRET_VALUE = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ufffd]+$";
    /** {@code LogRequest.parseSince}: an age (15m, 2h, 7d) or an ISO-8601 instant. */
    public static final String SINCE = "^([1-9][0-9]{0,5}[smhd]|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
            + "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z)$";
    /** The catalogue's services, as path parameters name them. */
    public static final String[] SERVICES = {"freqtrade", "data-collector", "monitor"};

    private ApiPatterns() {}
}
