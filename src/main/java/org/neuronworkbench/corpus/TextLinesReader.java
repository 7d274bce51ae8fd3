package org.neuronworkbench.corpus;

import java.util.List;
import java.util.Optional;

/** One example per line (NeuroX style), from one {@code .txt} file or several in order. */
final class TextLinesReader extends LineCorpusReader {

    TextLinesReader(String source, CorpusFiles fileSystem, List<CorpusFiles.Entry> files, boolean folder) {
        super(source, fileSystem, files, folder);
    }

    @Override
    Optional<CorpusDocument> convert(String location, String line) {
        return Optional.of(new CorpusDocument(location, line));
    }
}
