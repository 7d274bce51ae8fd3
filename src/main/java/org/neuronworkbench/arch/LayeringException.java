package org.neuronworkbench.arch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that is allowed to break one rule of ARCHITECTURE.md, with the reason. The
 * layering test exempts exactly the annotated classes (and only from the rule it names), so every
 * exception is visible where it is made. Today: the export classes that draw PNGs with JavaFX.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LayeringException {
    /** Why the rule cannot hold here. */
    String value();
}
