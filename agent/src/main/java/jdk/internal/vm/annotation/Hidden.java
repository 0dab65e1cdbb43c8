package jdk.internal.vm.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of the JDK's own annotation for methods that stacks leave out, declared here only so
 * that connguard's runtime can be compiled with it: java.base does not export it. The JVM honours
 * it by name on methods of classes the boot loader defines, where connguard's runtime is; it never
 * loads this type. Left out of the agent jar.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hidden {}
