package io.connguard.contract;

/**
 * What the acting thread did, as the one-line summary, the human log and the report formats say
 * it ({@code ... owned by thread "main" (#1) used by thread "worker" (#9)}). Compile-time
 * constants, so that the bootstrap runtime can use them too.
 */
public final class Verbs {
    public static final String USED_BY = "used by";
    public static final String ENTERED_BY = "entered by";
    public static final String CLOSED_BY = "closed by";

    private Verbs() {}
}
