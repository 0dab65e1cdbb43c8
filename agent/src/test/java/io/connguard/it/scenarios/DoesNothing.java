package io.connguard.it.scenarios;

/** For option errors: if this prints "ran", the JVM started although the agent's options were bad. */
public final class DoesNothing {
    public static void main(String[] args) {
        System.out.println("ran");
        System.out.println("done");
    }
}
