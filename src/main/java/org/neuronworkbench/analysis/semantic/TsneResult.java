package org.neuronworkbench.analysis.semantic;

/** xy: x0,y0,x1,y1,…; method: human-readable name of what ran. */
public record TsneResult(float[] xy, int iterationsDone, String method, boolean cancelled, double seconds) {
}
