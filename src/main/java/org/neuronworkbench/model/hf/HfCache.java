package org.neuronworkbench.model.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds models already in the local Hugging Face hub cache. Never downloads: a model that is not
 * cached is simply not found.
 */
public final class HfCache {
    private static final String PREFIX = "models--";

    /** A cached model: its hub id and the snapshot folder that would be loaded. */
    public record CachedModel(String id, Path snapshot) {
    }

    private HfCache() {
    }

    public static Optional<Path> resolve(String modelId) {
        return resolve(modelId, hubDir(System.getenv()));
    }

    public static Optional<Path> resolve(String modelId, Map<String, String> env) {
        return resolve(modelId, hubDir(env));
    }

    /** The snapshot of {@code refs/main} if present, else the most recently modified one; only snapshots with a config.json count. */
    public static Optional<Path> resolve(String modelId, Path hubDir) {
        String folder = repoFolder(modelId);
        if (folder == null) {
            return Optional.empty();
        }
        Path repo = hubDir.resolve(folder);
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        Optional<Path> main = refMain(repo).map(snapshots::resolve).filter(HfCache::usable);
        return main.isPresent() ? main : newestSnapshot(snapshots);
    }

    /** Where the cache would hold this id ("…/hub/models--ORG--NAME"), or empty if it is not a hub id. */
    public static Optional<String> cacheFolder(String modelId, Map<String, String> env) {
        String folder = repoFolder(modelId);
        return folder == null ? Optional.empty() : Optional.of(hubDir(env).resolve(folder).toString());
    }

    public static List<CachedModel> list() {
        return list(hubDir(System.getenv()));
    }

    public static List<CachedModel> list(Map<String, String> env) {
        return list(hubDir(env));
    }

    /** Every cached model with a usable snapshot, sorted by id. */
    public static List<CachedModel> list(Path hubDir) {
        if (!Files.isDirectory(hubDir)) {
            return List.of();
        }
        List<CachedModel> models = new ArrayList<>();
        try (Stream<Path> repos = Files.list(hubDir)) {
            for (Path repo : (Iterable<Path>) repos::iterator) {
                String id = modelId(repo.getFileName().toString());
                if (id != null) {
                    resolve(id, hubDir).ifPresent(s -> models.add(new CachedModel(id, s)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the Hugging Face cache " + hubDir, e);
        }
        models.sort(Comparator.comparing(CachedModel::id));
        return List.copyOf(models);
    }

    /** huggingface_hub's order: HF_HUB_CACHE, then HF_HOME/hub, then XDG_CACHE_HOME, then ~/.cache. */
    public static Path hubDir(Map<String, String> env) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
    }

    /** "ORG/NAME" or "NAME" to "models--ORG--NAME"; null for anything that is not a hub id. */
    static String repoFolder(String modelId) {
        if (modelId == null || !modelId.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?")
                || modelId.contains("--") || modelId.contains("..")) {
            return null;
        }
        return PREFIX + modelId.replace("/", "--");
    }

    /** "models--ORG--NAME" to "ORG/NAME"; null for other cache folders (datasets, spaces, locks). */
    static String modelId(String folder) {
        if (!folder.startsWith(PREFIX) || folder.length() == PREFIX.length()) {
            return null;
        }
        return folder.substring(PREFIX.length()).replace("--", "/");
    }

    private static Optional<String> refMain(Path repo) {
        Path ref = repo.resolve("refs").resolve("main");
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String rev = Files.readString(ref).trim();
            // A commit hash; anything path-like would escape the snapshots folder.
            return rev.matches("[A-Za-z0-9._-]+") && !rev.contains("..") ? Optional.of(rev) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> newestSnapshot(Path snapshots) {
        try (Stream<Path> revs = Files.list(snapshots)) {
            return revs.filter(HfCache::usable)
                    .max(Comparator.comparing(HfCache::modified).thenComparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(Path snapshot) {
        return Files.isDirectory(snapshot) && Files.isRegularFile(snapshot.resolve(HfCheckpoint.CONFIG));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
