package org.neuronworkbench.index;

import org.neuronworkbench.corpus.CorpusList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusFiles;
import org.neuronworkbench.corpus.CorpusSource;
import org.neuronworkbench.model.ModelConfig;
import org.neuronworkbench.model.ModelRunner;

/**
 * What makes two builds the same index: model, corpora (each path as given plus size and modification time),
 * window settings and options. Resuming requires all of these to match.
 */
final class IndexIdentity {
    private IndexIdentity() {
    }

    static Map<String, String> of(ModelRunner runner, CorpusList corpus, IndexOptions o) {
        ModelConfig c = runner.config();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", Integer.toString(Schema.FORMAT));
        m.putAll(modelOf(runner));
        m.put("corpus_spec", normalizedCorpus(corpus));
        m.put("corpus_fingerprint", fingerprint(corpus));
        m.put("text_field", o.corpus().textField());
        m.put("window_mode", o.window().mode().name().toLowerCase(java.util.Locale.ROOT));
        m.put("window_size", Integer.toString(o.window().size()));
        m.put("window_stride", Integer.toString(o.window().stride()));
        m.put("include_special", Boolean.toString(o.includeSpecial()));
        m.put("top_k", Integer.toString(o.topK()));
        m.put("batch_size", Integer.toString(o.batchSize()));
        m.put("dead_max", Double.toString(o.deadMax()));
        m.put("dead_variance", Double.toString(o.deadVariance()));
        m.put("max_positions", Integer.toString(c.maxPositions()));
        return m;
    }

    static Map<String, String> modelOf(ModelRunner runner) {
        ModelConfig c = runner.config();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_source", runner.source());
        m.put("model_name", c.name());
        m.put("model_architecture", c.architecture().modelType());
        m.put("layers", Integer.toString(c.layers()));
        m.put("d_mlp", Integer.toString(c.dMlp()));
        m.put("vocab_size", Integer.toString(c.vocabSize()));
        return m;
    }

    /** Keys whose values differ, as "key: recorded X, now Y". */
    static List<String> differences(Map<String, String> recorded, Map<String, String> wanted) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String was = recorded.get(e.getKey());
            if (!e.getValue().equals(was)) {
                out.add(e.getKey() + " was '" + was + "', now '" + e.getValue() + "'");
            }
        }
        return out;
    }

    static String describe(Map<String, String> m) {
        return "model '" + m.get("model_source") + "' (" + m.get("model_name") + "), corpus " + m.get("corpus_spec")
                + ", " + m.get("window_mode") + " windows of " + m.get("window_size") + " tokens";
    }

    /** The corpora as given, each normalised (one corpus reads as it did before lists). */
    static String normalizedCorpus(CorpusList corpus) {
        return corpus.normalized();
    }

    /**
     * Size and modification time of every corpus, so an edited corpus is not resumed as if it were
     * the same; one corpus reads as it did before lists.
     */
    static String fingerprint(CorpusList corpus) {
        List<String> parts = new ArrayList<>();
        for (CorpusSource s : corpus.sources()) {
            parts.add(fingerprint(s));
        }
        return String.join("; ", parts);
    }

    private static String fingerprint(CorpusSource source) {
        if (source.isWordNet()) {
            return Corpora.WORDNET;
        }
        try {
            CorpusFiles.Entry e = source.files().stat(source.given());
            if (e.kind() == CorpusFiles.Kind.FOLDER) {
                long[] acc = new long[3];
                for (CorpusFiles.Entry f : source.files().list(source.given())) {
                    acc[0]++;
                    acc[1] += f.size();
                    acc[2] = Math.max(acc[2], f.modified());
                }
                return acc[0] + " files, " + acc[1] + " bytes, " + acc[2];
            }
            if (e.kind() == CorpusFiles.Kind.MISSING) {
                return "unreadable";
            }
            return e.size() + " bytes, " + e.modified();
        } catch (org.neuronworkbench.corpus.CorpusException e) {
            // The count that follows says what is wrong with it.
            return "unreadable";
        }
    }
}
