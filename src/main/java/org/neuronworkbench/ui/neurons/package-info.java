/**
 * The neuron browser pane ({@link org.neuronworkbench.ui.neurons.NeuronBrowserPane}) and the
 * index both content panes share ({@link org.neuronworkbench.ui.common.OpenIndex}).
 *
 * <p>The shell constructs the two panes with the same context, in any order, on the FX thread:
 * <pre>
 *   CorpusPane corpus = new CorpusPane(ctx);                 // pane id "corpus"
 *   NeuronBrowserPane neurons = new NeuronBrowserPane(ctx);  // pane id "neurons"
 * </pre>
 * Both find their shared open index with {@code ctx.openIndex()} (one per context), so nothing
 * else needs to be passed. To reopen the last index at start-up the shell may call
 * {@code ctx.openIndex().open(Path.of(ctx.workspace().lastIndex), false)} when that field is set.
 * The panes call {@code ctx.showPane("neurons")} after the user opens an index,
 * {@code ctx.showPane("corpus")} from the browser's empty state, and
 * {@code ctx.sendToHypothesis(text)} from each excerpt.
 *
 * <p>Workspace use: {@code bookmarks} ("L3N42"), {@code notes} keyed by "L3N42",
 * {@code lastNeuron}, {@code lastIndex}; the workspace file is saved on each change.
 */
package org.neuronworkbench.ui.neurons;

import org.neuronworkbench.ui.common.OpenIndex;