package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import org.junit.jupiter.api.Test;

class CallSitesTest {

    @Test
    void onlyTheApplicationsNamedClassesFromAKnownPlaceAreRewritten() throws MalformedURLException {
        ProtectionDomain app = place("file:/app-classes/");
        assertTrue(CallSites.mayRewrite("com.example.Orders", null, app));
        assertFalse(CallSites.mayRewrite("com.example.Orders", null, null), "no code source");
        assertFalse(CallSites.mayRewrite("com.zaxxer.hikari.pool.HikariPool", null, app), "a pool's package");
        assertFalse(CallSites.mayRewrite("org.springframework.jdbc.core.JdbcTemplate", null, app), "a framework");
        assertFalse(CallSites.mayRewrite("com.example.Orders$$EnhancerBySpringCGLIB$$1", null, app), "generated");
        assertFalse(CallSites.mayRewrite("com.example.Orders", Object.class.getModule(), app), "a named module");
    }

    /**
     * A driver's helpers make statements inside its own calls: a class of the code a JDBC class
     * came from (its place and package root) keeps its stack, whichever loaded first; in a jar
     * that bundles the driver with the application, the application's classes still get sites.
     */
    @Test
    void aSiteInADriversCodeIsNotUsedAndTheApplicationBesideItStillIsRewritten() throws MalformedURLException {
        ProtectionDomain shaded = place("file:/shaded-app.jar");
        assertTrue(CallSites.mayRewrite("org.exampledb.jdbc.TypeCache", null, shaded));
        int driverHelper = CallSites.register("org.exampledb.jdbc.TypeCache", "lookup", shaded);
        CallSites.jdbcClassLoaded("org.exampledb.core.ExampleConnection", shaded);
        assertNull(CallSites.frame(driverHelper), "the driver's code: its statements take a stack");
        assertFalse(CallSites.mayRewrite("org.exampledb.jdbc.Other", null, shaded));
        assertTrue(CallSites.mayRewrite("com.example.Orders", null, shaded));
        assertNull(CallSites.frame(0), "no site");
    }

    private static ProtectionDomain place(String url) throws MalformedURLException {
        return new ProtectionDomain(new CodeSource(new URL(url), (Certificate[]) null), null);
    }
}
