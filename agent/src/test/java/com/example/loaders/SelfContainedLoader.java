package com.example.loaders;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Asks its parent for the JDK's classes only; every other class comes from its own jar or is not
 * found, like an OSGi bundle loader without boot delegation. Outside connguard's packages, as an
 * application's loader is: connguard leaves its own classes alone.
 */
public class SelfContainedLoader extends URLClassLoader {
    public SelfContainedLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                boolean jdk = name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
                c = jdk ? super.loadClass(name, false) : findClass(name);
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }
}
