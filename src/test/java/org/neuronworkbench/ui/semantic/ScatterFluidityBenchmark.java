package org.neuronworkbench.ui.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.fxRun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.analysis.semantic.Lemma;
import org.neuronworkbench.analysis.semantic.LemmaVectors;
import org.neuronworkbench.analysis.semantic.WordNetLemmas;
import org.neuronworkbench.ui.neurons.FxTesting;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code bench scatter}: the semantic map pane at 100,000 points on a real (headless) stage. Real
 * WordNet lemmas (cycled past the 87,455 first lemmas), coloured by domain; the layout is the
 * 100,000-point t-SNE map {@code TsneBenchmark} saved, when present, else seeded Gaussian clusters.
 * For pan, zoom and hover one input event is fired per pulse for a few seconds and the pulse
 * intervals are recorded (a pulse waits for the previous frame to be rendered, so slow drawing
 * shows here), with the FX thread's time per event. The peer, in the same run: panning by redrawing
 * every point on every event, as the pane did before (but with the colour groups now cached, so
 * the peer is if anything faster than the old pane was).
 * {@code mvn -Pbench test -Dtest=ScatterFluidityBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ScatterFluidityBenchmark {
    private static final int POINTS = Integer.getInteger("bench.points", 100_000);
    private static final double SECONDS = 4;

    @TempDir
    static Path tmp;
    private SemanticMapPane pane;

    @Start
    void start(Stage stage) throws Exception {
        pane = new SemanticMapPane(FxTesting.context(Files.createTempDirectory(tmp, "ws")));
        stage.setScene(new Scene(pane, 1200, 780));
        stage.show();
    }

    @Test
    void panZoomAndHoverAtOneHundredThousandPoints() throws Exception {
        List<Lemma> wordnet = WordNetLemmas.load().lemmas();
        List<Lemma> lemmas = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            Lemma l = wordnet.get(i % wordnet.size());
            lemmas.add(i < wordnet.size() ? l : new Lemma(l.lemma() + " (" + (i / wordnet.size() + 1) + ")", l.synset(),
                    l.pos(), l.domain(), l.gloss()));
        }
        SplittableRandom random = new SplittableRandom(1);
        float[][] vectors = new float[POINTS][8];
        for (float[] row : vectors) {
            for (int n = 0; n < row.length; n++) {
                row[n] = (float) random.nextDouble();
            }
        }
        LemmaVectors v = LemmaVectors.precomputed(lemmas, new float[][][] {vectors}, 8);
        float[] xy = layout(random);
        String source = xy != null ? "the 100,000-point t-SNE map" : "seeded Gaussian clusters";
        float[] points = xy != null ? xy : clusters(random);
        fxRun(() -> pane.viewModel().viewProperty().set(MapView.of(v, 0, points, "bench", true, true, false)));
        ScatterCanvas scatter = fx(pane::scatter);
        assertEquals(POINTS, fx(() -> pane.viewModel().viewProperty().get().xy().length / 2));
        System.out.printf("bench scatter: %,d points (%s), canvas %.0f × %.0f, load %s%n", POINTS, source,
                fx(scatter::getWidth), fx(scatter::getHeight), load());

        double[] redraw = new double[15];
        for (int r = 0; r < redraw.length; r++) {
            redraw[r] = fx(() -> {
                long t0 = System.nanoTime();
                scatter.redraw();
                return (System.nanoTime() - t0) / 1e6;
            });
        }
        report("full redraw (FX thread)", redraw);

        double cx = fx(scatter::getWidth) / 2;
        double cy = fx(scatter::getHeight) / 2;
        fxRun(() -> Event.fireEvent(scatter, mouse(MouseEvent.MOUSE_PRESSED, cx, cy, 1)));
        double[] step = {0};
        Result pan = perPulse(now -> {
            step[0] += 1;
            Event.fireEvent(scatter, mouse(MouseEvent.MOUSE_DRAGGED, cx + 200 * Math.sin(step[0] / 20), cy, 0));
        });
        double release = fx(() -> {
            long t0 = System.nanoTime();
            Event.fireEvent(scatter, mouse(MouseEvent.MOUSE_RELEASED, cx + 200 * Math.sin(step[0] / 20), cy, 1));
            return (System.nanoTime() - t0) / 1e6;
        });
        report("pan: pulse interval", pan.pulses);
        report("pan: FX time per drag event", pan.handler);
        System.out.printf("  pan: release (one redraw) %.1f ms%n", release);

        Result panByRedraw = perPulse(now -> {
            step[0] += 1;
            scatter.redraw();
        });
        report("peer, pan by redrawing every point: pulse interval", panByRedraw.pulses);
        report("peer, pan by redrawing every point: FX time per event", panByRedraw.handler);

        double[] wheel = {0};
        Result zoom = perPulse(now -> {
            wheel[0] += 1;
            Event.fireEvent(scatter, scroll(cx, cy, (Math.sin(wheel[0] / 15) > 0 ? 1 : -1) * 40));
        });
        report("zoom: pulse interval", zoom.pulses);
        report("zoom: FX time per wheel event (redraw follows in the same pulse)", zoom.handler);

        double[] at = {0};
        Result hover = perPulse(now -> {
            at[0] += 1;
            Event.fireEvent(scatter, mouse(MouseEvent.MOUSE_MOVED, cx + 300 * Math.sin(at[0] / 17), cy + 200 * Math.cos(at[0] / 23), 0));
        });
        report("hover: pulse interval", hover.pulses);
        report("hover: FX time per move", hover.handler);
        assertTrue(median(hover.handler) < 50, "hover stays instant");
    }

    private record Result(double[] pulses, double[] handler) {
    }

    /** Runs {@code input} once per pulse for {@value #SECONDS} s: pulse intervals and the input's FX time, in ms. */
    private static Result perPulse(LongConsumer input) throws InterruptedException {
        List<Double> pulses = new ArrayList<>();
        List<Double> handler = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        long[] first = {-1};
        long[] last = {-1};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (last[0] >= 0) {
                    pulses.add((t - last[0]) / 1e6);
                } else {
                    first[0] = t;
                }
                last[0] = t;
                input.accept(now);
                handler.add((System.nanoTime() - t) / 1e6);
                if (t - first[0] > SECONDS * 1e9) {
                    stop();
                    done.countDown();
                }
            }
        };
        fxRun(timer::start);
        assertTrue(done.await(120, TimeUnit.SECONDS));
        return new Result(pulses.stream().mapToDouble(Double::doubleValue).toArray(),
                handler.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y, int clicks) {
        boolean pressed = type != MouseEvent.MOUSE_MOVED && type != MouseEvent.MOUSE_RELEASED;
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, clicks, false, false, false, false,
                pressed, false, false, false, false, false, new PickResult(null, x, y));
    }

    private static ScrollEvent scroll(double x, double y, double deltaY) {
        return new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false, 0, deltaY, 0,
                deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                new PickResult(null, x, y));
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        java.util.Arrays.sort(s);
        System.out.printf("  %s: n=%d median %.1f ms, p95 %.1f ms, max %.1f ms (load %s)%n", what, s.length, median(s),
                s[(int) Math.min(s.length - 1, Math.round(0.95 * (s.length - 1)))], s[s.length - 1], load());
    }

    private static double median(double[] ms) {
        double[] s = ms.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String load() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The layout TsneBenchmark saved for 100,000 points, if it ran. */
    private static float[] layout(SplittableRandom random) throws java.io.IOException {
        Path file = Path.of("target", "bench-tsne", "ours-" + POINTS + ".f32");
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] xy = new float[2 * POINTS];
        for (int e = 0; e < xy.length; e++) {
            xy[e] = b.getFloat();
        }
        return xy;
    }

    private static float[] clusters(SplittableRandom random) {
        float[] xy = new float[2 * POINTS];
        double[][] centres = new double[40][2];
        for (double[] c : centres) {
            c[0] = random.nextDouble(-80, 80);
            c[1] = random.nextDouble(-80, 80);
        }
        for (int i = 0; i < POINTS; i++) {
            double[] c = centres[i % centres.length];
            xy[2 * i] = (float) (c[0] + 6 * random.nextGaussian());
            xy[2 * i + 1] = (float) (c[1] + 6 * random.nextGaussian());
        }
        return xy;
    }
}
