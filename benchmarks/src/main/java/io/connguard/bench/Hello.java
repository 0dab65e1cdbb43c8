package io.connguard.bench;

/** The start-up baseline of {@code compare}: a JVM that does nothing but start, print and exit. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
