package org.neuronworkbench.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One example per line (NeuroX style), from one {@code .txt} file or several in order. */
final class TextLinesReader extends LineCorpusReader {

    TextLinesReader(String source, List<Path> files, boolean folder) {
        super(source, files, folder);
    }

    @Override
    Optional<CorpusDocument> convert(String location, String line) {
        return Optional.of(new CorpusDocument(location, line));
    }
}
