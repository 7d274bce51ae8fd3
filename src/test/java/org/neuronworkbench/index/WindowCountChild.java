package org.neuronworkbench.index;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronworkbench.corpus.Corpora;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusReader;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.corpus.Windower;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.model.tokenizer.HfTokenizer;

/**
 * Run in a child JVM by {@link LongLineMemoryTest}: tokenizes and windows a corpus exactly as the
 * index's counting pass does (the part whose memory depends on document length; the forward
 * passes work batch by batch), then prints the window count and its own peak RSS.
 * Arguments: tokenizer.json, corpus, window size.
 */
public final class WindowCountChild {
    private WindowCountChild() {
    }

    public static void main(String[] args) throws Exception {
        Offline.enforce();
        int size = Integer.parseInt(args[2]);
        long windows = 0;
        try (HfTokenizer tok = HfTokenizer.open(Path.of(args[0]));
             CorpusReader reader = Corpora.open(Path.of(args[1]), CorpusOptions.defaults())) {
            Windower w = new Windower(reader, IndexBuilder.splitterFor(tok), WindowOptions.tokens(size, size));
            while (w.hasNext()) {
                w.next();
                windows++;
            }
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElseThrow().replaceAll("[^0-9]", "");
        System.out.println("windows=" + windows + " peak_kB=" + hwm);
    }
}
