/**
 * The persistent corpus index: one folder per corpus x model.
 *
 * <h2>Folder layout</h2>
 * <ul>
 *   <li>{@code index.duckdb}: settings ({@code meta}), build progress and checkpoints, and the tables
 *       {@code neurons}, {@code excerpts}, {@code samples}, {@code captured} (per-token activations of
 *       every excerpt and sample window, FLOAT[]), {@code windows} (text and token spans of those
 *       windows only), {@code amap_tokens}, {@code amap_positions}.</li>
 *   <li>{@code amap.safetensors}: {@code token_means} F32 [token types seen, layers*d_mlp],
 *       {@code token_counts}, {@code token_ids}, {@code position_means} F32 [positions, layers*d_mlp],
 *       {@code position_counts}, {@code positions}, {@code dead}. Neuron column = layer * d_mlp + neuron.</li>
 *   <li>{@code topwords.safetensors}: {@code mean_abs_z} F32 [token types, layers*d_mlp], same rows.</li>
 *   <li>{@code histogram.safetensors}: {@code counts} I64 [layers*d_mlp, 291] and {@code edges} F64 [292]
 *       (see Activation histogram below). Indexes built before it was kept lack it and still open;
 *       {@link org.neuronworkbench.index.CorpusIndex#histogram} is then empty.</li>
 *   <li>{@code export/*.parquet}: the tables, written with DuckDB {@code COPY ... (FORMAT PARQUET)}.</li>
 *   <li>{@code checkpoint.json}: the last committed checkpoint, readable while the build holds the database.</li>
 *   <li>{@code parts/}: only while {@code index --workers} runs: the workers' parts of each pass
 *       ({@link org.neuronworkbench.index.IndexParts}), removed once merged.</li>
 * </ul>
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li>Counted tokens: content tokens of each window; special tokens ([CLS], [SEP], BOS/EOS, padding)
 *       only with {@code includeSpecial}. Statistics, rankings and the map use counted tokens only;
 *       an excerpt's token list and {@code maxTokenIndex} index the counted tokens.</li>
 *   <li>Each window's text is tokenized on its own with the model's special tokens, exactly as
 *       {@code probe} runs it, so excerpt activations are reproducible from the excerpt text.</li>
 *   <li>Top-k: windows ranked by the max over counted positions; ties go to the earlier window and,
 *       within a window, to the first position.</li>
 *   <li>std is the population standard deviation, kept as count/mean/M2 (each batch's own mean and
 *       M2, merged by Chan's update, {@link org.neuronworkbench.index.Moments}), so a large mean does
 *       not cancel a small spread; fracActive the share of counted tokens with a &gt; 0.</li>
 *   <li>Quantiles (approximate, NeuronRecord style): boundaries at 0.5/0.9/0.99/0.999 of the
 *       per-window max, computed from a uniform sample of 100 windows per neuron. The sample is
 *       bottom-k by a fixed-seed hash of (neuron, window), so it is the same on every run and after a
 *       resume, and needs no generator state. Up to 5 sampled windows per band are kept.</li>
 *   <li>Activation histogram ({@link org.neuronworkbench.index.ActivationHistogram}): per neuron, the
 *       counted tokens in each of 291 fixed bins, so a neuron's counts sum to the index's token count.
 *       The bins do not depend on the data, so histograms of index parts add up bin by bin
 *       ({@code merge}). They are log-spaced in |a|, HDR-style, read from the float's bits (sign,
 *       exponent, top 3 mantissa bits): 8 bins per power of two (each at most 12.5 % of its value
 *       wide) for 2^-10 &lt;= |a| &lt; 2^8 on each side of zero; one bin [-2^-10, 2^-10) around zero;
 *       one bin each for a &gt;= 256 and a &lt; -256 (and NaN by its sign). Every bin is [lower, upper).
 *       This resolves GELU's and SiLU's small negative range (down to about -0.17 and -0.28) as finely as
 *       the positive tail, at a few integer operations per activation in pass 1. Checkpoints store the
 *       counts as varints.</li>
 *   <li>Activation map (SYSIF AMAP): mean activation of every neuron for every token type seen, and
 *       per position (index among counted tokens). Dead: max &lt; 0.1 or variance &lt; 1e-3 (configurable).</li>
 *   <li>Top words (NeuroX get_top_words, exact): pass 2 takes the mean of |a - mean| / std over each
 *       token type's occurrences (the sum over occurrences divided by their count), with the mean and
 *       std from pass 1; scores are divided by the neuron's largest, filtered by
 *       {@code > minThreshold} (NeuroX's default 0.1), and then cut to the requested count.
 *       A constant unit (std 0) scores 0.</li>
 *   <li>Selectivity: (mean activation on the top token type - neuron mean) / neuron std, where the top
 *       type is the best among types seen at least 5 times; 0 for dead units.</li>
 * </ul>
 *
 * <h2>Memory, checkpoints, resume</h2>
 * Aggregates are neurons x (token types seen + positions) doubles plus fixed per-neuron heaps and
 * samples; nothing grows with corpus length. Every {@code checkpointEvery} batches the aggregates
 * (token rows changed since the last checkpoint only) and the number of windows consumed are written in
 * one DuckDB transaction. A resumed build skips exactly that many windows (windowing is deterministic)
 * and keeps batch boundaries, so its result is bit-identical. Within a batch, windows are sorted by
 * token count and run as forwards of at most {@code model.TokenBudgetBatches.BUDGET} padded tokens; the
 * split depends only on the batch, and every order-sensitive aggregate (top-k ties, the sample) is
 * defined by window number, not arrival order. The database runs with a fixed DuckDB memory cap. Excerpt activations are appended with the
 * DuckDB appender (not transactional): rows for windows past the last checkpoint are deleted on resume.
 * Built from parts ({@code index --workers}, the Spark job), each shard is a run of whole batches with
 * the corpus's window numbers, so its forwards and every order-sensitive choice are the single
 * process's; the parts merge associatively and a resume restarts unfinished shards.
 * The index is marked complete only in the final transaction; {@link org.neuronworkbench.index.CorpusIndex#open}
 * refuses anything else.
 */
package org.neuronworkbench.index;
