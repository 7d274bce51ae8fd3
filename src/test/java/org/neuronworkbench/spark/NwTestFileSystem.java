package org.neuronworkbench.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A real Hadoop file system under a scheme java.nio does not know: {@code nwtest:///a/b} is the
 * file {@code a/b} under the folder {@code fs.nwtest.root} names. Registered with
 * {@code fs.nwtest.impl}, it shows that the job reads corpora through Hadoop's {@code FileSystem},
 * as it would from hdfs:// or s3a://, and not through local paths.
 */
public class NwTestFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "nwtest";
    private File root;

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        String r = conf.get("fs." + SCHEME + ".root");
        if (r == null) {
            throw new IOException("fs." + SCHEME + ".root is not set");
        }
        root = new File(r);
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public File pathToFile(Path path) {
        checkPath(path);
        return new File(root, path.toUri().getPath());
    }
}
