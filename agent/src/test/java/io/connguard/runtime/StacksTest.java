package io.connguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a trimmed stack keeps: the developer's frames, from the first to the test method, nothing generated. */
class StacksTest {
    private static StackTraceElement f(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java", line);
    }

    private static final StackTraceElement[] JUNIT5_BELOW_TEST = {
        f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
        f("java.lang.reflect.Method", "invoke", 580),
        f("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", 767),
        f("org.junit.jupiter.engine.execution.MethodInvocation", "proceed", 60),
        f("org.apache.maven.surefire.booter.ForkedBooter", "main", 507)};

    private static StackTraceElement[] stack(StackTraceElement[] top, StackTraceElement... more) {
        List<StackTraceElement> all = new ArrayList<>(List.of(top));
        all.addAll(List.of(more));
        return all.toArray(new StackTraceElement[0]);
    }

    private static List<String> trimmed(StackTraceElement... frames) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement e : Stacks.trimmed(frames)) {
            out.add(Stacks.FOLDED.equals(e.getClassName()) ? "... " + e.getMethodName() : e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber());
        }
        return out;
    }

    @Test
    void stacksEndAtTheTestMethodAndSkipTheRunner() {
        Stacks.INSTRUMENTED.add("org.sqlite.jdbc4.JDBC4Connection");
        StackTraceElement[] s = stack(new StackTraceElement[] {
            f("org.sqlite.jdbc4.JDBC4Connection", "prepareStatement", 1),
            f("com.example.Orders", "load", 42),
            f("com.example.OrdersTest", "loads", 31)}, JUNIT5_BELOW_TEST);
        assertEquals(List.of("com.example.Orders.load:42", "com.example.OrdersTest.loads:31"), trimmed(s));
        assertEquals("com.example.OrdersTest.loads", Stacks.testOf(s));
    }

    @Test
    void assertionLibraryFramesAreNeverTheApplications() {
        StackTraceElement[] s = stack(new StackTraceElement[] {
            f("org.hibernate.internal.SessionImpl", "doWork", 1),
            f("com.example.OrdersTest", "lambda$fails$0", 40),
            f("org.junit.jupiter.api.AssertThrows", "assertThrows", 53),
            f("org.junit.jupiter.api.Assertions", "assertThrows", 3128),
            f("org.assertj.core.api.ThrowableAssert", "catchThrowable", 62),
            f("com.example.OrdersTest", "fails", 41)}, JUNIT5_BELOW_TEST);
        assertEquals(List.of("com.example.OrdersTest.lambda$fails$0:40", "... 3 framework frames left out", "com.example.OrdersTest.fails:41"),
                trimmed(s));
    }

    @Test
    void aTestClassIsTheApplicationsWhateverItsPackage() {
        // MyBatis's own tests live in org.apache.ibatis, a framework's package
        StackTraceElement[] s = stack(new StackTraceElement[] {
            f("org.apache.ibatis.datasource.pooled.PooledDataSource", "popConnection", 400),
            f("org.apache.ibatis.datasource.pooled.PooledDataSource", "getConnection", 90),
            f("org.apache.ibatis.datasource.pooled.PooledDataSourceTest", "shouldReuse", 120)}, JUNIT5_BELOW_TEST);
        assertEquals(List.of("org.apache.ibatis.datasource.pooled.PooledDataSourceTest.shouldReuse:120"), trimmed(s));
    }

    @Test
    void generatedFramesAreDroppedAndFrameworkRunsFolded() {
        StackTraceElement[] s = {
            f("org.springframework.jdbc.datasource.DataSourceTransactionManager", "doBegin", 270),
            f("org.springframework.transaction.interceptor.TransactionInterceptor", "invoke", 119),
            f("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed", 184),
            f("org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor", "intercept", 728),
            new StackTraceElement("com.example.OrderExportService$$SpringCGLIB$$0", "exportTotal", "<generated>", -1),
            f("com.example.OrderController", "export", 25),
            f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
            f("java.lang.reflect.Method", "invoke", 580),
            f("org.springframework.web.method.support.InvocableHandlerMethod", "doInvoke", 255),
            f("com.example.RequestLog", "around", 9),
            f("org.apache.catalina.core.StandardWrapper", "service", 1)};
        assertEquals(List.of("com.example.OrderController.export:25", "... 3 framework frames left out",
                "com.example.RequestLog.around:9", "org.apache.catalina.core.StandardWrapper.service:1"), trimmed(s));
        assertEquals("org.springframework.jdbc.datasource.DataSourceTransactionManager.doBegin", Stacks.frameworkCaller(s));
        assertEquals("com.example.OrderExportService.exportTotal", Stacks.applicationMethod(s));
    }

    /** A migration tool borrows for the application: the stack starts at the application's call of it. */
    @Test
    void migrationToolFramesAreNotTheApplications() {
        StackTraceElement[] s = {
            f("org.flywaydb.core.internal.jdbc.JdbcConnectionFactory", "openConnection", 105),
            f("org.flywaydb.core.internal.database.base.Database", "getMigrationConnection", 324),
            f("org.flywaydb.core.Flyway", "migrate", 160),
            f("com.example.Migrations", "run", 12)};
        assertEquals(List.of("com.example.Migrations.run:12"), trimmed(s));
        assertEquals("org.flywaydb.core.internal.jdbc.JdbcConnectionFactory.openConnection", Stacks.frameworkCaller(s));
    }

    /** JPA's bootstrap API ({@code Persistence}) is the framework's, as the provider beneath it is. */
    @Test
    void jpaBootstrapFramesAreNotTheApplications() {
        StackTraceElement[] s = {
            f("org.hibernate.engine.jdbc.connections.internal.DriverManagerConnectionProviderImpl", "getConnection", 185),
            f("jakarta.persistence.Persistence", "createEntityManagerFactory", 80),
            f("com.example.Orders", "setUp", 21)};
        assertEquals(List.of("com.example.Orders.setUp:21"), trimmed(s));
    }

    /**
     * A framework's own test, in the framework's package, makes its statement in a nested class of
     * its own, through the framework: that class's line is the statement's, as its stack shows it.
     */
    @Test
    void aStatementMadeInANestedClassOfATestInAFrameworksPackageIsMadeThere() {
        StackTraceElement made = f("org.jdbi.v3.core.TestIterator$SpiffyImpl", "resultIterator", 349);
        assertSame(made, callerUnderJunit(
            f("org.jdbi.v3.core.statement.Query", "execute", 60),
            made,
            new StackTraceElement("org.jdbi.v3.core.TestIterator$$Lambda$41/0x000000080012c000", "apply", null, -1),
            f("org.jdbi.v3.core.extension.ExtensionMethod", "invoke", 77),
            f("org.jdbi.v3.core.TestIterator", "testIteratorClosesOnce", 150)));
    }

    /** A JDBC class nested in such a test (a wrapper of its own) is JDBC's: the line that called it is the statement's. */
    @Test
    void aJdbcClassNestedInATestInAFrameworksPackageIsNotWhereTheStatementWasMade() {
        Stacks.INSTRUMENTED.add("org.hibernate.orm.test.WrapTest$Wrapping");
        StackTraceElement made = f("org.hibernate.orm.test.WrapTest", "leaksAStatement", 18);
        assertSame(made, callerUnderJunit(f("org.hibernate.orm.test.WrapTest$Wrapping", "prepareStatement", 46), made));
    }

    /** {@link Stacks#callerOf} a stack of {@code top} over JUnit 5's frames below a test. */
    private static StackTraceElement callerUnderJunit(StackTraceElement... top) {
        Throwable here = new Throwable();
        here.setStackTrace(stack(top, JUNIT5_BELOW_TEST));
        return Stacks.callerOf(here);
    }

    /** A framework's own test, in the framework's package, opening a connection itself: no framework opened it. */
    @Test
    void aTestInAFrameworksPackageIsNoFrameworkCaller() {
        StackTraceElement[] s = {
            f("org.apache.ibatis.jdbc.ScriptRunnerTest", "shouldRunScriptsUsingProperties", 86),
            f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
            f("java.lang.reflect.Method", "invoke", 580),
            f("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", 767)};
        assertNull(Stacks.frameworkCaller(s));
    }

    @Test
    void theApplicationOpeningItsOwnConnectionHasNoFrameworkCaller() {
        StackTraceElement[] s = {f("com.example.Orders", "load", 42), f("com.example.Main", "main", 3)};
        assertNull(Stacks.frameworkCaller(s));
    }

    /** A JDK proxy's handler that forwards the proxy's method is the wrapper's plumbing; one doing work of its own is not. */
    @Test
    void aJdbcProxysForwardingHandlerIsSeenThrough() {
        Stacks.INSTRUMENTED.add("org.sqlite.jdbc4.JDBC4Connection");
        Stacks.INSTRUMENTED.add("jdk.proxy1.$Proxy7");
        StackTraceElement proxy = new StackTraceElement("jdk.proxy1.$Proxy7", "prepareStatement", null, -1);
        StackTraceElement[] forwarding = {
            f("org.sqlite.jdbc4.JDBC4Connection", "prepareStatement", 1),
            f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
            f("java.lang.reflect.Method", "invoke", 580),
            f("com.example.Tracing", "forward", 30),
            f("com.example.Tracing", "invoke", 20),
            proxy,
            f("com.example.Orders", "load", 42)};
        assertEquals(List.of("com.example.Orders.load:42"), trimmed(forwarding));
        assertEquals("com.example.Orders.load", Stacks.applicationMethod(forwarding));

        StackTraceElement[] ownWork = {
            f("org.sqlite.jdbc4.JDBC4Connection", "prepareStatement", 1),
            f("com.example.Auditing", "audit", 30),
            f("com.example.Auditing", "invoke", 20),
            proxy,
            f("com.example.Orders", "load", 42)};
        assertEquals(List.of("com.example.Auditing.audit:30", "com.example.Auditing.invoke:20", "jdk.proxy1.$Proxy7.prepareStatement:-1",
                "com.example.Orders.load:42"), trimmed(ownWork));

        StackTraceElement[] otherMethod = forwarding.clone();
        otherMethod[0] = f("org.sqlite.jdbc4.JDBC4Connection", "createStatement", 1);
        assertEquals("com.example.Tracing.forward:30", trimmed(otherMethod).get(0));
    }

    /** Groovy 3's generated call sites and its runtime are plumbing; so is Spock, whose feature method is the test. */
    @Test
    void groovysCallSitesAndSpocksRunnerAreNotTheApplications() {
        Stacks.INSTRUMENTED.add("org.sqlite.jdbc4.JDBC4Connection");
        StackTraceElement[] s = {
            f("org.sqlite.jdbc4.JDBC4Connection", "prepareStatement", 1),
            new StackTraceElement("java_sql_Connection$prepareStatement", "call", null, -1),
            f("org.codehaus.groovy.runtime.callsite.CallSiteArray", "defaultCall", 47),
            f("org.codehaus.groovy.runtime.callsite.AbstractCallSite", "call", 125),
            f("com.example.OrdersSpec", "rows", 10),
            new StackTraceElement("com.example.OrdersSpec$rows", "callStatic", null, -1),
            f("org.codehaus.groovy.runtime.callsite.AbstractCallSite", "callStatic", 217),
            f("com.example.OrdersSpec", "$spock_feature_0_0", 14),
            f("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103),
            f("java.lang.reflect.Method", "invoke", 580),
            f("org.spockframework.util.ReflectionUtil", "invokeMethod", 187),
            f("org.spockframework.runtime.model.MethodInfo", "invoke", 156)};
        assertEquals(List.of("com.example.OrdersSpec.rows:10", "... 2 framework frames left out", "com.example.OrdersSpec.$spock_feature_0_0:14"),
                trimmed(s));
        assertEquals("com.example.OrdersSpec.$spock_feature_0_0", Stacks.testOf(s));
    }

    /** Statements left open at one line keep one frame object between them. */
    @Test
    void statementsMadeAtOneLineShareTheirCreatingFrame() {
        StackTraceElement first = f("com.example.Orders", "rows", 77);
        assertSame(first, Stacks.creatingLine(first));
        assertSame(first, Stacks.creatingLine(f("com.example.Orders", "rows", 77)));
        StackTraceElement other = f("com.example.Orders", "rows", 78);
        assertSame(other, Stacks.creatingLine(other));
        assertNull(Stacks.creatingLine(null));
    }

    @Test
    void generatedClassesAreRecognisedByName() {
        for (String cls : new String[] {"com.example.Svc$$SpringCGLIB$$0", "com.example.Svc$$EnhancerBySpringCGLIB$$1a2b",
                "com.example.Svc$ByteBuddy$abc", "com.example.Order$HibernateProxy$xyz", "com.example.Main$$Lambda$14/0x0000000800c03000"}) {
            assertEquals(Stacks.Role.GENERATED, Stacks.role(f(cls, "m", 1), null), cls);
        }
        assertEquals(Stacks.Role.APPLICATION, Stacks.role(f("com.example.Svc$Inner", "m", 1), null));
    }
}
