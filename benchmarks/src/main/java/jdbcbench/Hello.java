package jdbcbench;

/**
 * The start-up baseline of {@code compare}: a JVM that prints and exits. Nothing here may name a
 * {@code java.sql} type, or an agent would take it for JDBC code (see {@link HelloJdbc}).
 */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
