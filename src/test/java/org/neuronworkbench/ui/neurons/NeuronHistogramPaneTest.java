package org.neuronworkbench.ui.neurons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronworkbench.ui.neurons.FxTesting.fx;
import static org.neuronworkbench.ui.neurons.FxTesting.waitFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neuronworkbench.index.CorpusIndex;
import org.neuronworkbench.index.NeuronHistogram;
import org.neuronworkbench.index.NeuronSort;
import org.neuronworkbench.index.NeuronStats;
import org.neuronworkbench.index.NeuronSummary;
import org.neuronworkbench.index.QuantileSample;
import org.neuronworkbench.model.MlpNeuron;
import org.neuronworkbench.ui.common.WorkbenchContext;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The neuron page's histogram and band samples on a real index, against what the index holds. */
@ExtendWith(ApplicationExtension.class)
class NeuronHistogramPaneTest {
    private static CorpusIndex reference;

    @TempDir
    static Path tmp;
    private WorkbenchContext ctx;
    private NeuronBrowserPane pane;

    @BeforeAll
    static void open() {
        reference = CorpusIndex.open(TestIndex.dir());
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = FxTesting.context(Files.createTempDirectory(tmp, "ws"));
        pane = new NeuronBrowserPane(ctx);
        stage.setScene(new Scene(pane, 1280, 800));
        stage.show();
        ctx.openIndex().open(TestIndex.dir(), true);
    }

    @AfterEach
    void stop() {
        ctx.tasks().close();
    }

    @Test
    void histogramAndBandsShowTheIndexValues() {
        waitFx(30, () -> ctx.openIndex().current() != null && pane.model().pageProperty().get() != null);
        NeuronSummary top = reference.neurons(OptionalInt.empty(), NeuronSort.MAX, 1).get(0);
        MlpNeuron n = new MlpNeuron(top.layer(), top.neuron());
        FxTesting.fxRun(() -> pane.model().show(n));
        waitFx(30, () -> pane.pageView().shown() != null && pane.pageView().shown().equals(n)
                && !pane.model().loadingProperty().get());

        NeuronHistogram h = reference.histogram(n.layer(), n.index()).orElseThrow();
        List<HistogramView.Bar> bars = fx(() -> pane.pageView().histogramView().bars());
        assertTrue(bars.size() > 5, "bars: " + bars.size());
        assertEquals(reference.info().tokens(), bars.stream().mapToLong(HistogramView.Bar::count).sum(),
                "the bars hold every token of the index");
        // The drawn bars are the index's bins, in order, from the first non-empty one to the last.
        int first = 0;
        while (h.count(first) == 0) {
            first++;
        }
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(h.lower(first + i), bars.get(i).lower(), 0.0);
            assertEquals(h.upper(first + i), bars.get(i).upper(), 0.0);
            assertEquals(h.count(first + i), bars.get(i).count(), "bin " + (first + i));
        }
        NeuronStats s = reference.stats(n.layer(), n.index());
        double[] marks = fx(() -> pane.pageView().histogramView().marks().stream().mapToDouble(HistogramView.Mark::value)
                .toArray());
        assertArrayEquals(s.quantiles(), marks, 0.0, "the band boundaries marked are the index's quantiles");
        assertTrue(fx(() -> pane.pageView().histogramView().caption()).startsWith(
                String.format(java.util.Locale.ROOT, "%,d tokens", reference.info().tokens())));

        List<QuantileSample> expected = reference.quantileSamples(n.layer(), n.index());
        List<BandSamplesView.Band> bands = fx(() -> pane.pageView().bandSamplesView().bands());
        assertTrue(bands.size() >= 3, "several bands hold samples: " + bands.size());
        List<Double> shownMaxima = new ArrayList<>();
        int previousBand = Integer.MAX_VALUE;
        for (BandSamplesView.Band b : bands) {
            assertTrue(b.band() < previousBand, "strongest band first");
            previousBand = b.band();
            double lower = b.band() == 0 ? Double.NEGATIVE_INFINITY : s.quantiles()[b.band() - 1];
            double upper = b.band() == s.quantiles().length ? Double.POSITIVE_INFINITY : s.quantiles()[b.band()];
            assertEquals(lower, b.lower(), 0.0);
            assertEquals(upper, b.upper(), 0.0);
            for (ExcerptView v : b.samples()) {
                double max = v.excerpt().activation();
                assertTrue(lower <= max && max < upper, b.name() + ": " + max + " outside [" + lower + ", " + upper + ")");
                shownMaxima.add(max);
            }
        }
        List<Double> expectedMaxima = new ArrayList<>();
        for (int band = s.quantiles().length; band >= 0; band--) {
            for (QuantileSample q : expected) {
                if (q.band() == band) {
                    expectedMaxima.add(q.excerpt().activation());
                }
            }
        }
        assertEquals(expectedMaxima, shownMaxima, "every sample of the index is shown, under its band");
    }

    @Test
    void anIndexWithoutHistogramsSaysToRebuild() {
        HistogramView view = fx(HistogramView::new);
        NeuronStats s = reference.stats(0, 0);
        FxTesting.fxRun(() -> view.show(Optional.empty(), s));
        assertEquals(0, fx(view::bars).size());
        assertTrue(fx(view::caption).contains("build it again"), fx(view::caption));
    }
}
