package com.example.loaders;

import java.net.URL;

/** A {@link SelfContainedLoader} that throws {@code NullPointerException} for a name it does not know, as one in HikariCP's test suite does. */
public final class ThrowingLoader extends SelfContainedLoader {
    public ThrowingLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException notHere) {
            throw new NullPointerException("no class " + name + " here");
        }
    }
}
