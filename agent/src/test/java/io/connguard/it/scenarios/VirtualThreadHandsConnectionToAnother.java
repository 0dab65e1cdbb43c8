package io.connguard.it.scenarios;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Virtual threads (JDK 21+; compiled for 17, so reached through method handles). {@code misuse}:
 * virtual thread "vt-owner" opens a connection and virtual thread "vt-user" uses it; the owner closes
 * it. {@code correct}: twenty virtual threads each open, use and close their own connection.
 */
public final class VirtualThreadHandsConnectionToAnother {
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle NAME;
    private static final MethodHandle START;
    private static final MethodHandle IS_VIRTUAL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            OF_VIRTUAL = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            NAME = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            START = lookup.findVirtual(builder, "start", MethodType.methodType(Thread.class, Runnable.class));
            IS_VIRTUAL = lookup.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later; this is " + Runtime.version(), e);
        }
    }

    public static void main(String[] args) throws Throwable {
        boolean misuse = Arrays.asList(args).contains("misuse");
        ScenarioDb db = ScenarioDb.fromArgs(args, "virtual").createItems(10);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        if (misuse) {
            Thread owner = startVirtual("vt-owner", failure, () -> {
                try (Connection c = DriverManager.getConnection(db.url)) {
                    Thread user = startVirtual("vt-user", failure, () -> {
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                            rs.next();
                        }
                    });
                    user.join();
                }
            });
            owner.join();
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                threads.add(startVirtual("vt-" + i, failure, () -> {
                    try (Connection c = DriverManager.getConnection(db.url);
                         Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT count(*) FROM " + db.table)) {
                        rs.next();
                    }
                }));
            }
            for (Thread t : threads) t.join();
        }
        if (failure.get() != null) throw failure.get();
        db.cleanUp();
        System.out.println("done");
    }

    static Thread startVirtual(String name, AtomicReference<Throwable> failure, Threads.Body body) {
        Runnable task = () -> {
            try {
                if (!(boolean) IS_VIRTUAL.invoke(Thread.currentThread())) throw new IllegalStateException("not virtual");
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        try {
            Object builder = NAME.invoke(OF_VIRTUAL.invoke(), name);
            return (Thread) START.invoke(builder, task);
        } catch (Throwable e) {
            throw new IllegalStateException("could not start virtual thread " + name, e);
        }
    }
}
