package io.connguard.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The URL a data source says it connects to, from its own bean getter ({@code getUrl},
 * {@code getURL}, {@code getJdbcUrl}), for connections that were not opened through
 * {@code Driver.connect} (H2's and sqlite's data sources, a pool handing out a connection it opened
 * earlier). Read once per open of a connection; a data source without such a getter has no URL.
 */
final class DataSourceUrl {
    private static final String[] GETTERS = {"getUrl", "getURL", "getJdbcUrl"};
    private static final ClassValue<Method> GETTER = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (String name : GETTERS) {
                try {
                    Method m = type.getMethod(name);
                    if (m.getReturnType() == String.class && Modifier.isPublic(m.getDeclaringClass().getModifiers())) return m;
                } catch (NoSuchMethodException | SecurityException e) {
                    // try the next name
                }
            }
            return null;
        }
    };

    private DataSourceUrl() {}

    static String of(Object dataSource) {
        if (dataSource == null) return null;
        Method getter = GETTER.get(dataSource.getClass());
        if (getter == null) return null;
        try {
            return (String) getter.invoke(dataSource);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
