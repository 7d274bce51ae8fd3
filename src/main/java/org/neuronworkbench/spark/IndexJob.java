package org.neuronworkbench.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.hadoop.conf.Configuration;
import org.neuronworkbench.corpus.CorpusList;
import org.neuronworkbench.corpus.CorpusOptions;
import org.neuronworkbench.corpus.CorpusSource;
import org.neuronworkbench.corpus.WindowOptions;
import org.neuronworkbench.index.IndexBuildResult;
import org.neuronworkbench.index.IndexBuilder;
import org.neuronworkbench.index.IndexException;
import org.neuronworkbench.index.IndexOptions;
import org.neuronworkbench.index.IndexParts;
import org.neuronworkbench.index.IndexShard;
import org.neuronworkbench.index.PartsBuild;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;
import org.neuronworkbench.work.Cancel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * Builds a corpus index on Apache Spark, into the same index folder the desktop opens. The driver
 * checks the output folder and counts the corpus (tokenizing only) and cuts it into partitions of
 * whole batches; each executor loads the model once ({@link ExecutorModel}); pass 1 maps each
 * partition to a part and tree-reduces the parts, while the activation-map rows go their own way,
 * keyed by token type and reduced by key; the driver writes pass 1, broadcasts the means, stds and
 * wanted windows, and pass 2 runs likewise; the driver writes the rest (and the Parquet export).
 *
 * <p>The corpora are a {@link CorpusList}: local paths, or URLs read through Hadoop's file systems
 * ({@link HadoopFiles}), in the order given.
 *
 * <pre>spark-submit --class org.neuronworkbench.spark.IndexJob neuron-workbench-spark.jar
 *     --model /shared/gpt2 --corpus hdfs:///data/a.jsonl,hdfs:///data/books --out /home/me/gpt2-index --partitions 64</pre>
 */
@Command(name = "IndexJob", mixinStandardHelpOptions = true,
        description = "Index one or more corpora on Spark: the same index folder as 'index', written by the driver.")
public final class IndexJob implements Callable<Integer> {
    @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[2].")
    String master;

    @Option(names = "--model", required = true, paramLabel = "DIR|default",
            description = "Model folder as the driver reads it (also the executors', unless --executor-model).")
    String model;

    @Option(names = "--executor-model", paramLabel = "PATH",
            description = "Model folder as the executors read it, e.g. 'model' with --archives model.tgz#model.")
    String executorModel;

    @Option(names = "--corpus", required = true, split = ",", paramLabel = "PATH|URL",
            description = {"A .txt or .jsonl file or a folder of .txt files; repeat the option or separate with commas for"
                    + " several, read in the order given.",
                    "A path without a scheme is local, at the same path on the driver and every executor; a URL"
                    + " (hdfs://, s3a://, file:///, ...) is read through Hadoop's file systems with the job's Hadoop configuration."})
    List<String> corpora;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Index folder, written by the driver.")
    Path out;

    @Option(names = "--window", defaultValue = "64", description = "Tokens per window (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--stride", description = "Tokens between window starts (default: the window size).")
    Integer stride;

    @Option(names = "--sentences", description = "One window per example (split when longer than the model allows).")
    boolean sentences;

    @Option(names = "--top-k", defaultValue = "20", description = "Excerpts kept per neuron (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--include-special", description = "Count [CLS]/[SEP]/BOS/EOS tokens in rankings, statistics and the map.")
    boolean includeSpecial;

    @Option(names = "--field", defaultValue = CorpusOptions.DEFAULT_TEXT_FIELD, description = "Text field of .jsonl lines.")
    String field;

    @Option(names = "--batch", defaultValue = "" + IndexOptions.DEFAULT_BATCH,
            description = "Windows read at a time; they are sorted by length and run in forwards of similar length (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Partitions of the corpus (default: 4 per core of the cluster); raise it when a partition is too large.")
    int partitions;

    @Option(names = "--max-part-mb", defaultValue = "0",
            description = "Most activation-map memory one partition may hold on an executor (default: 40%% of its heap).")
    long maxPartMb;

    @Option(names = "--fail-once", defaultValue = "-1", hidden = true,
            description = "Throws in the first attempt of this partition's pass 1 task: shows that retries give the same index.")
    int failOnce;

    @Option(names = "--fail-pass-two", hidden = true,
            description = "Throws in every attempt of partition 0's pass 2 task: shows that a second run resumes at pass 2.")
    boolean failPassTwo;

    /** The job group of each pass's Spark jobs (shown in Spark's UI; tests count them). */
    static final String PASS_ONE_GROUP = "neuron-workbench pass 1";
    static final String PASS_TWO_GROUP = "neuron-workbench pass 2";

    private JavaSparkContext context;

    public static void main(String[] args) {
        System.exit(run(null, args, new PrintWriter(System.err, true)));
    }

    /** Runs the job on {@code sc} (or a context of its own if null); 0 on success, 2 with one error line. */
    public static int run(JavaSparkContext sc, String[] args, PrintWriter err) {
        IndexJob job = new IndexJob();
        job.context = sc;
        CommandLine cl = new CommandLine(job);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("error: " + reason(e));
            err.flush();
            return 2;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Offline.enforce();
        if (partitions < 0 || maxPartMb < 0) {
            throw new IllegalArgumentException("--partitions and --max-part-mb must not be negative");
        }
        PrintWriter log = new PrintWriter(System.err, true);
        try (ModelRunner runner = ModelLoader.load(model)) {
            WindowOptions windows = sentences
                    ? IndexBuilder.sentenceWindows(runner)
                    : WindowOptions.tokens(window, stride == null ? window : stride);
            IndexOptions options = IndexOptions.defaults().withWindow(windows).withTopK(topK)
                    .withIncludeSpecial(includeSpecial).withBatchSize(batch).withCorpus(new CorpusOptions(field));
            CorpusList corpus = corpusList(context != null ? context.hadoopConfiguration() : hadoopConfiguration(conf()));
            // Folder, window size and corpus are checked (and the corpus counted) before any cluster work.
            PartsBuild build = PartsBuild.start(runner, corpus, options, out, null, Cancel.NEVER);
            boolean ownContext = context == null;
            JavaSparkContext sc = ownContext ? new JavaSparkContext(conf()) : context;
            try {
                IndexBuildResult r = run(sc, build, runner, options, corpus);
                log.println("indexed " + r.tokens() + " tokens in " + r.windows() + " windows into " + r.dir());
                return 0;
            } catch (Exception e) {
                // Spark's job failures are checked exceptions thrown past the Java API's signatures.
                boolean kept = build.passOneWritten();
                build.abandon();
                if (kept) {
                    throw new IndexException(reason(e) + "; pass 1 is kept in " + out
                            + ": run the same command again to go on from pass 2", e);
                }
                throw e;
            } finally {
                sc.clearJobGroup();
                build.close();
                if (ownContext) {
                    sc.stop();
                }
            }
        }
    }

    private SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("neuron-workbench index " + out.getFileName());
        if (master != null) {
            conf.setMaster(master);
        }
        return conf;
    }

    /**
     * The corpora as given, in order: a URL goes through Hadoop's file systems with {@code hadoop}'s
     * settings (shipped to the executors with the task), anything else is a local path or {@code wordnet}.
     */
    private CorpusList corpusList(Configuration hadoop) {
        List<CorpusSource> sources = new ArrayList<>();
        HadoopFiles files = null;
        for (String given : corpora) {
            if (given.isBlank()) {
                continue; // "a.txt,,b.txt" or a trailing comma
            }
            if (HadoopFiles.isUrl(given)) {
                files = files != null ? files : new HadoopFiles(hadoop);
                sources.add(new CorpusSource(given.strip(), files));
            } else {
                sources.add(CorpusSource.local(given));
            }
        }
        return new CorpusList(sources);
    }

    /**
     * Without a running context (the driver checks the corpus before it starts one), the Hadoop
     * configuration Spark would give: Hadoop's defaults and site files, plus every
     * {@code spark.hadoop.*} setting of the job.
     */
    private static Configuration hadoopConfiguration(SparkConf conf) {
        Configuration c = new Configuration();
        for (Tuple2<String, String> e : conf.getAllWithPrefix("spark.hadoop.")) {
            c.set(e._1(), e._2());
        }
        return c;
    }

    private IndexBuildResult run(JavaSparkContext sc, PartsBuild build, ModelRunner runner, IndexOptions options,
                                 CorpusList corpus) {
        int wanted = partitions > 0 ? partitions : 4 * sc.defaultParallelism();
        List<IndexShard> shards = build.shards(wanted);
        Task task = new Task(executorModel != null ? executorModel : model, corpus, options,
                maxPartMb > 0 ? maxPartMb << 20 : 0, failOnce, failPassTwo);
        Broadcast<Task> job = sc.broadcast(task);
        JavaRDD<IndexShard> rdd = sc.parallelize(shards, shards.size());
        int depth = Math.max(2, (int) Math.ceil(Math.log(shards.size()) / Math.log(8)));

        IndexParts.PassTwoInputs in;
        if (build.passOneWritten()) {
            // A driver killed after pass 1 left it in the folder: go straight to pass 2.
            in = build.passTwoInputs();
        } else {
            sc.setJobGroup(PASS_ONE_GROUP, "pass 1 of 2: statistics, top windows, activation map", false);
            JavaRDD<IndexParts.PassOne> ones = rdd.map(s -> job.value().passOne(s)).persist(StorageLevel.MEMORY_AND_DISK_SER());
            IndexParts.PassOne merged = ones.map(IndexParts.PassOne::clearTokenRows)
                    .treeReduce(IndexParts.PassOne::merge, depth);
            rows(ones.flatMapToPair(IndexJob::rowsOf)).forEachRemaining(t ->
                    merged.addTokenRow(t._1(), t._2().count(), t._2().sums()));
            ones.unpersist(false);
            in = build.writePassOne(merged, Cancel.NEVER);
        }

        sc.setJobGroup(PASS_TWO_GROUP, "pass 2 of 2: top words, captured activations", false);
        Broadcast<IndexParts.PassTwoInputs> inputs = sc.broadcast(in);
        JavaRDD<IndexParts.PassTwo> twos = rdd.map(s -> job.value().passTwo(s, inputs.value()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        IndexParts.PassTwo mergedTwo = twos.map(IndexParts.PassTwo::clearTokenRows)
                .treeReduce(IndexParts.PassTwo::merge, depth);
        rows(twos.flatMapToPair(IndexJob::rowsOf)).forEachRemaining(t ->
                mergedTwo.addTokenRow(t._1(), t._2().count(), t._2().sums()));
        twos.unpersist(false);
        inputs.destroy();
        job.destroy();
        return build.finish(mergedTwo);
    }

    /** Rows reduced by token type and streamed to the driver one partition at a time. */
    private static Iterator<Tuple2<Integer, RowSum>> rows(JavaPairRDD<Integer, RowSum> pairs) {
        return pairs.reduceByKey(RowSum::plus).toLocalIterator();
    }

    private static Iterator<Tuple2<Integer, RowSum>> rowsOf(IndexParts.PassOne part) {
        List<Tuple2<Integer, RowSum>> out = new ArrayList<>();
        part.forEachTokenRow((id, count, sums) -> out.add(new Tuple2<>(id, new RowSum(count, sums.clone()))));
        return out.iterator();
    }

    private static Iterator<Tuple2<Integer, RowSum>> rowsOf(IndexParts.PassTwo part) {
        List<Tuple2<Integer, RowSum>> out = new ArrayList<>();
        part.forEachTokenRow((id, count, sums) -> out.add(new Tuple2<>(id, new RowSum(count, sums.clone()))));
        return out.iterator();
    }

    /** What a task needs, shipped once per executor as a broadcast. */
    record Task(String modelSpec, CorpusList corpus, IndexOptions options, long maxPartBytes, int failOnce,
                boolean failPassTwo) implements java.io.Serializable {
        IndexParts.PassOne passOne(IndexShard s) {
            TaskContext tc = TaskContext.get();
            if (s.number() == failOnce && tc != null && tc.attemptNumber() == 0) {
                throw new IllegalStateException("failing the first attempt of partition " + s.number() + " on purpose (--fail-once)");
            }
            long limit = maxPartBytes > 0 ? maxPartBytes : (long) (0.4 * Runtime.getRuntime().maxMemory());
            return IndexParts.passOne(ExecutorModel.get(modelSpec), corpus, options, s, Cancel.NEVER, limit);
        }

        IndexParts.PassTwo passTwo(IndexShard s, IndexParts.PassTwoInputs in) {
            if (failPassTwo && s.number() == 0) {
                throw new IndexException("failing every attempt of partition 0's pass 2 on purpose (--fail-pass-two)");
            }
            return IndexParts.passTwo(ExecutorModel.get(modelSpec), corpus, options, s, in, Cancel.NEVER);
        }
    }

    /**
     * The message of the first of our own exceptions in the chain (a task's failure arrives wrapped
     * in Spark's job-abort message), else the outermost message.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.neuronworkbench.")) {
                return t.getMessage();
            }
        }
        String m = e.getMessage();
        if (e instanceof SparkException && m != null) {
            // "... most recent failure: Lost task 0.0 in stage 1.0 (TID 1) (host executor driver): <class>: <message>\n\tat ..."
            int nl = m.indexOf("\n");
            return nl > 0 ? m.substring(0, nl) : m;
        }
        return m == null ? e.toString() : m;
    }
}
