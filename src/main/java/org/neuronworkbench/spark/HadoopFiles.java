package org.neuronworkbench.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.neuronworkbench.corpus.CorpusException;
import org.neuronworkbench.corpus.CorpusFiles;

/**
 * Corpus files on any Hadoop-compatible file system ({@code hdfs://}, {@code s3a://},
 * {@code file:///}, ...), for the Spark job. Hadoop's {@link Configuration} is not serializable,
 * so its entries are copied as strings and a configuration is rebuilt from them where a task runs:
 * executors then reach the file systems with the driver's settings (as Spark's own Hadoop reads
 * do). Which schemes work depends on the jars on the classpath: {@code s3a} needs hadoop-aws.
 */
final class HadoopFiles implements CorpusFiles {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, String> settings;
    private transient Configuration conf;

    HadoopFiles(Configuration conf) {
        this.settings = new HashMap<>();
        for (Map.Entry<String, String> e : conf) {
            settings.put(e.getKey(), e.getValue());
        }
    }

    /** True if {@code given} names its file system ({@code scheme://...} or {@code scheme:/...}), so Hadoop reads it. */
    static boolean isUrl(String given) {
        return given.strip().matches("[A-Za-z][A-Za-z0-9+.-]*:/.*");
    }

    @Override
    public Entry stat(String path) {
        Path p = path(path);
        try {
            FileStatus st = fs(p, path).getFileStatus(p);
            Kind kind = st.isDirectory() ? Kind.FOLDER : st.isFile() ? Kind.FILE : Kind.OTHER;
            return new Entry(path, p.getName(), kind, kind == Kind.FILE ? st.getLen() : 0, st.getModificationTime(), true);
        } catch (FileNotFoundException e) {
            return new Entry(path, p.getName(), Kind.MISSING, 0, 0, false);
        } catch (IOException e) {
            throw new CorpusException("could not read corpus " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> list(String folder) {
        Path p = path(folder);
        try {
            List<Entry> out = new ArrayList<>();
            for (FileStatus st : fs(p, folder).listStatus(p)) {
                if (st.isFile()) {
                    // The child's path is built from the folder as given and the child's name: a file
                    // system's own qualified paths need not read back through the same URL.
                    String name = st.getPath().getName();
                    out.add(new Entry(new Path(p, name).toString(), name, Kind.FILE, st.getLen(), st.getModificationTime(), true));
                }
            }
            return out;
        } catch (IOException e) {
            throw new CorpusException("could not list corpus folder " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = path(path);
        return fs(p, path).open(p);
    }

    /** As given: the URL names the file system, and a resume must give the same list. */
    @Override
    public String normalize(String path) {
        return path.strip();
    }

    private static Path path(String given) {
        try {
            return new Path(new URI(given.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CorpusException("corpus " + given + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private FileSystem fs(Path p, String given) throws IOException {
        try {
            return p.getFileSystem(conf());
        } catch (UnsupportedFileSystemException e) {
            String scheme = p.toUri().getScheme();
            throw new CorpusException("no file system is configured for the scheme '" + scheme + "' of corpus " + given
                    + ": set fs." + scheme + ".impl (spark.hadoop.fs." + scheme + ".impl), or put the jars that provide it on the"
                    + " classpath (" + S3A_HINT + ")", e);
        } catch (RuntimeException e) {
            // Hadoop's defaults name classes for schemes whose jars are optional (s3a's S3AFileSystem).
            if (!(rootCause(e) instanceof ClassNotFoundException)) {
                throw e;
            }
            String scheme = p.toUri().getScheme();
            throw new CorpusException("the file system for the scheme '" + scheme + "' of corpus " + given + " is configured as "
                    + conf().get("fs." + scheme + ".impl") + ", which is not on the classpath: add the jars that provide it ("
                    + S3A_HINT + ")", e);
        }
    }

    private static final String S3A_HINT =
            "for s3a: spark-submit --packages org.apache.hadoop:hadoop-aws:<the cluster's Hadoop version>, or the cluster's own";

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private synchronized Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }
}
