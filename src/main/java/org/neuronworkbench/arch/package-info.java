/**
 * Annotations about the architecture itself ({@link org.neuronworkbench.arch.LayeringException});
 * depends on nothing, and any room may use it.
 */
package org.neuronworkbench.arch;
