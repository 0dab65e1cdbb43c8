package io.connguard.cli;

/** A command line that cannot run: one line naming what is wrong and what is valid; exit status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
