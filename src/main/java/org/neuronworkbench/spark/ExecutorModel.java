package org.neuronworkbench.spark;

import org.neuronworkbench.model.ModelLoadException;
import org.neuronworkbench.model.ModelLoader;
import org.neuronworkbench.model.ModelRunner;
import org.neuronworkbench.model.Offline;

/**
 * The one model runner of an executor JVM, loaded by the first task that needs it and shared by
 * every later task there (the runner serialises forwards itself). Never closed: it lives as long
 * as the executor.
 */
final class ExecutorModel {
    private static String loadedSpec;
    private static ModelRunner runner;

    private ExecutorModel() {
    }

    static synchronized ModelRunner get(String spec) {
        if (runner != null && spec.equals(loadedSpec)) {
            return runner;
        }
        Offline.enforce();
        try {
            ModelRunner r = ModelLoader.load(spec);
            if (runner != null) {
                runner.close();
            }
            runner = r;
            loadedSpec = spec;
            return r;
        } catch (ModelLoadException e) {
            throw new ModelLoadException("the model '" + spec + "' cannot be loaded on executor " + host()
                    + ": " + e.getMessage() + " Every executor must read the model at that path (a shared file system),"
                    + " or ship it with spark-submit --archives model.tgz#model and pass --executor-model model.", e);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "(unknown host)";
        }
    }
}
