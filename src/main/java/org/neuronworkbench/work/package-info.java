/**
 * The work contract shared by every long-running method: {@link org.neuronworkbench.work.Cancel}
 * in, {@link org.neuronworkbench.work.Progress} out, partial results returned (not thrown) on a
 * cancel. The lowest room: it depends on nothing of ours, and every room may use it.
 */
package org.neuronworkbench.work;
