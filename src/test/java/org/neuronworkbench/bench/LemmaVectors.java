package org.neuronworkbench.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.neuronworkbench.model.ActivationCache;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.TokenizedText;
import org.neuronworkbench.model.hooks.HookName;

/**
 * Real lemma vectors for the t-SNE benchmark: each WordNet 3.1 lemma run alone through the
 * embedded MiniLM, the mean of {@code blocks.L.mlp.hook_post} over its non-special tokens.
 * Synsets' first lemmas come first (the data), then the other lemmas of synsets, so a
 * large sample can go past the first lemmas. Cached in a file: generating takes minutes.
 */
record LemmaVectors(List<String> lemmas, int firstLemmas, float[][] vectors) {
    private static final int BATCH = 256;

    static LemmaVectors load(Path cache, int layer, int max) {
        if (Files.exists(cache)) {
            return read(cache);
        }
        LemmaVectors v = generate(layer, max);
        write(v, cache);
        return v;
    }

    private static LemmaVectors generate(int layer, int max) {
        Set<String> first = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        try {
            Dictionary dictionary = Dictionary.getDefaultResourceInstance();
            for (POS pos : POS.getAllPOS()) {
                Iterator<Synset> it = dictionary.getSynsetIterator(pos);
                while (it.hasNext()) {
                    List<Word> words = it.next().getWords();
                    first.add(words.get(0).getLemma().replace('_', ' '));
                    for (Word w : words) {
                        others.add(w.getLemma().replace('_', ' '));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("WordNet: " + e.getMessage(), e);
        }
        others.removeAll(first);
        List<String> lemmas = new ArrayList<>(first);
        for (String o : others) {
            if (lemmas.size() >= max) {
                break;
            }
            lemmas.add(o);
        }
        if (lemmas.size() > max) {
            lemmas = new ArrayList<>(lemmas.subList(0, max));
        }
        Offline.enforce();
        HookName hook = HookName.block(layer, "mlp.hook_post");
        float[][] vectors = new float[lemmas.size()][];
        try (ModelRunner runner = ModelLoader.load("default")) {
            List<TokenizedText> tokens = runner.tokenize(lemmas);
            // Length-sorted batches, as the index does, so short lemmas are not padded to long ones.
            int[] order = IntStream.range(0, lemmas.size()).boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> tokens.get(i).length()).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            long t0 = System.nanoTime();
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                List<TokenizedText> batch = new ArrayList<>();
                for (int b = start; b < end; b++) {
                    batch.add(tokens.get(order[b]));
                }
                ActivationCache cache = runner.runWithCache(batch, hook::equals);
                for (int b = start; b < end; b++) {
                    TokenizedText text = tokens.get(order[b]);
                    float[][] rows = cache.rows(hook, b - start);
                    float[] mean = new float[rows[0].length];
                    int count = 0;
                    for (int p = 0; p < rows.length; p++) {
                        if (!text.tokens().get(p).special()) {
                            count++;
                            for (int u = 0; u < mean.length; u++) {
                                mean[u] += rows[p][u];
                            }
                        }
                    }
                    for (int u = 0; u < mean.length; u++) {
                        mean[u] /= Math.max(1, count);
                    }
                    vectors[order[b]] = mean;
                }
                if ((start / BATCH) % 40 == 0) {
                    System.err.printf("lemma vectors: %d of %d (%.0f s)%n", end, order.length, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        return new LemmaVectors(lemmas, Math.min(first.size(), lemmas.size()), vectors);
    }

    private static void write(LemmaVectors v, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(v.lemmas().size());
                out.writeInt(v.vectors()[0].length);
                out.writeInt(v.firstLemmas());
                for (int i = 0; i < v.lemmas().size(); i++) {
                    out.writeUTF(v.lemmas().get(i));
                    for (float f : v.vectors()[i]) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LemmaVectors read(Path file) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            int d = in.readInt();
            int first = in.readInt();
            List<String> lemmas = new ArrayList<>(n);
            float[][] vectors = new float[n][d];
            for (int i = 0; i < n; i++) {
                lemmas.add(in.readUTF());
                for (int u = 0; u < d; u++) {
                    vectors[i][u] = in.readFloat();
                }
            }
            return new LemmaVectors(lemmas, first, vectors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row-major little-endian float32, the layout numpy's fromfile reads. */
    static void writeMatrix(float[][] x, Path file) {
        ByteBuffer buf = ByteBuffer.allocate(x.length * x[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : x) {
            for (float f : row) {
                buf.putFloat(f);
            }
        }
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] readMatrix(Path file, int n, int d) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[][] x = new float[n][d];
            for (float[] row : x) {
                for (int c = 0; c < d; c++) {
                    row[c] = buf.getFloat();
                }
            }
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
