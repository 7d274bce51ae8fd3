package org.neuronworkbench.index;

/**
 * A run of whole batches of the corpus, given to one worker (a process of {@code index --workers}
 * or a Spark task). Windows keep their numbers in the whole corpus (document order, then position
 * in the document), and a shard starts on a batch boundary, so its forwards are exactly the single
 * process's and its part merges into the same index.
 *
 * @param number           0-based, in corpus order
 * @param firstWindow      number of its first window in the corpus
 * @param endWindow        one past its last window
 * @param documentsBefore  documents of the corpus before the one holding its first window
 * @param windowInDocument index of its first window within that document
 */
public record IndexShard(int number, long firstWindow, long endWindow, long documentsBefore, int windowInDocument)
        implements java.io.Serializable {
    public long windows() {
        return endWindow - firstWindow;
    }
}
