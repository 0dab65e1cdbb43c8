package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's open statements: taking one out is how a detection claims it, so each is claimed once. */
class ResourceListTest {
    private final Object jdbc = new Object();
    private final ConnectionResource connection = Resource.connection(jdbc, ThreadState.current(), new Throwable(), "jdbc:test:list");
    private final ResourceList<Resource> list = new ResourceList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES));
    }

    private Resource statement() {
        return Resource.statement(Object.class, Resource.STATEMENT, connection, connection.owner, null, null);
    }

    private List<Resource> added(int n) {
        List<Resource> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Resource r = statement();
            list.add(r);
            all.add(r);
        }
        return all;
    }

    @Test
    void aSnapshotHoldsWhatWasAddedAndNotRemoved() {
        List<Resource> r = added(4);
        assertTrue(list.remove(r.get(0)), "the first added");
        assertTrue(list.remove(r.get(2)), "one in the middle");
        assertTrue(list.remove(r.get(3)), "the last added");

        assertEquals(List.of(r.get(1)), list.snapshot());
        assertFalse(list.isEmpty());
        assertTrue(list.remove(r.get(1)));
        assertTrue(list.isEmpty());
        assertEquals(List.of(), list.snapshot());
    }

    @Test
    void aResourceRemovedTwiceIsClaimedOnce() {
        Resource r = added(3).get(1);
        assertTrue(list.remove(r));
        assertFalse(list.remove(r));
        assertEquals(2, list.snapshot().size());
    }

    @Test
    void removeAllClaimsEverythingAndNothingIsClaimedAfterIt() {
        List<Resource> r = added(3);
        assertEquals(Set.copyOf(r), Set.copyOf(list.removeAll()));
        assertTrue(list.isEmpty());
        for (Resource each : r) assertFalse(list.remove(each));
        assertEquals(List.of(), list.removeAll());
    }

    @Test
    void aResourceClaimedCanBeAddedAgain() {
        Resource r = added(1).get(0);
        assertTrue(list.remove(r));
        list.add(r);
        assertEquals(List.of(r), list.snapshot());
        assertTrue(list.remove(r));
    }

    /** Detections race (the leak watcher, a close, the exit): every resource goes to exactly one of them. */
    @Test
    void concurrentRemoversClaimEachResourceExactlyOnce() throws Exception {
        List<Resource> all = added(2000);
        CyclicBarrier start = new CyclicBarrier(4);
        List<Callable<List<Resource>>> claimers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            boolean backwards = t == 1;
            claimers.add(() -> {
                start.await();
                List<Resource> claimed = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    Resource r = all.get(backwards ? all.size() - 1 - i : i);
                    if (list.remove(r)) claimed.add(r);
                }
                return claimed;
            });
        }
        claimers.add(() -> {
            start.await();
            return list.removeAll();
        });

        List<Resource> claimed = new ArrayList<>();
        for (Future<List<Resource>> f : threads.invokeAll(claimers, 1, TimeUnit.MINUTES)) claimed.addAll(f.get());

        assertEquals(all.size(), claimed.size(), "claims");
        assertEquals(new HashSet<>(all), new HashSet<>(claimed));
        assertTrue(list.isEmpty());
    }
}
