package org.neuronworkbench.analysis.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored maps come back exactly, only for the same lemmas and settings, and are written atomically. */
class MapStoreTest {
    private static final MapParams PARAMS = new MapParams(VectorSource.AMAP, 0, 30, 1000, 1);
    private static final String ID = "model|corpus|1000|60";

    private static LayerMap someMap(LemmaVectors v, int layer) {
        float[] xy = new float[v.size() * 2];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = (float) Math.sin(i * 0.37) * 13.25f;
        }
        return new LayerMap(layer, xy, "test layout", 1.5, 1000, false);
    }

    @Test
    void aSavedMapLoadsBackBitForBit(@TempDir Path dir) throws IOException {
        LemmaVectors v = SemanticFixture.amap();
        LayerMap map = someMap(v, 2);
        LayerSeparation sep = new LayerSeparation(2, 3, Double.NaN, Double.NaN, 0.61, 0.42);
        MapStore.save(dir, ID, PARAMS, v, map, sep);
        MapStore.Stored back = MapStore.load(dir, ID, PARAMS, 2, v).orElseThrow();
        assertArrayEquals(map.xy(), back.map().xy());
        assertEquals("test layout", back.map().method());
        assertEquals(0.61, back.separation().knnPos());
        assertTrue(Double.isNaN(back.separation().knnDomain()));
        try (Stream<Path> files = Files.list(dir.resolve(MapStore.FOLDER))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void otherSettingsOrOtherLemmasAreNotTheStoredMap(@TempDir Path dir) throws IOException {
        LemmaVectors v = SemanticFixture.amap();
        MapStore.save(dir, ID, PARAMS, v, someMap(v, 1), new LayerSeparation(1, 0, 0, 0, 0, 0));
        assertTrue(MapStore.load(dir, ID, PARAMS, 2, v).isEmpty(), "other layer");
        assertTrue(MapStore.load(dir, ID, new MapParams(VectorSource.AMAP, 0, 31, 1000, 1), 1, v).isEmpty(), "other perplexity");
        LemmaVectors fewer = LemmaVectors.fromAmap(SemanticFixture.index(), SemanticFixture.runner().tokenizer(),
                WordNetLemmas.load(), 0);
        assertTrue(MapStore.load(dir, ID, PARAMS, 1, fewer).isPresent(), "same lemmas again");
        assertTrue(MapStore.load(dir, "model|corpus|1001|60", PARAMS, 1, v).isEmpty(), "a rebuilt index is another index");
        Files.writeString(MapStore.file(dir, PARAMS, 1), "{ damaged");
        assertTrue(MapStore.load(dir, ID, PARAMS, 1, v).isEmpty(), "a damaged file is recomputed, not an error");
    }

    @Test
    void aMapsFolderThatCannotBeMadeSaysSo(@TempDir Path dir) throws IOException {
        LemmaVectors v = SemanticFixture.amap();
        Files.writeString(dir.resolve(MapStore.FOLDER), "a file where the folder should be");
        IOException e = assertThrows(IOException.class,
                () -> MapStore.save(dir, ID, PARAMS, v, someMap(v, 0), new LayerSeparation(0, 0, 0, 0, 0, 0)));
        assertTrue(e.getMessage().startsWith("cannot store the map in " + dir.resolve(MapStore.FOLDER)), e.getMessage());
        assertEquals("a file where the folder should be", Files.readString(dir.resolve(MapStore.FOLDER)));
    }

    @Test
    void anUnwritableFolderLeavesNothingBehind() {
        // /proc takes no new files, even for root
        IOException e = assertThrows(IOException.class, () -> org.neuronworkbench.work.AtomicFiles.write(
                Path.of("/proc/semantic-map-test.json"), out -> out.write(1)));
        assertTrue(e.getMessage().startsWith("cannot write /proc/semantic-map-test.json: "), e.getMessage());
        assertTrue(!Files.exists(Path.of("/proc/semantic-map-test.json")));
    }
}
