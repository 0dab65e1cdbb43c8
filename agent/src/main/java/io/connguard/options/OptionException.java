package io.connguard.options;

/**
 * A bad agent option. The message is the one line the user sees before the JVM stops: it names the
 * option, where it came from and what is valid, and nothing else.
 */
public final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
