package org.neuronworkbench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neuronworkbench.work.Step;

/** The line under the corpus pane's bar and on the CLI's stderr. */
class IndexProgressTest {

    @Test
    void stepCoversBothPassesAndTheDetailShowsRateAndTimeLeft() {
        Step s = new IndexProgress(1, 120, 340, 2431, 812.4, 42.2).step();
        assertEquals("Pass 1 of 2 · 120 / 340 windows · 2,431 tokens · 812 tokens/s · about 0:42 left", s.line());
        assertEquals(120, s.done());
        assertEquals(680, s.total());
        Step second = new IndexProgress(2, 40, 340, 9000, 900, 10).step();
        assertEquals(380, second.done(), "pass 2 continues the bar after pass 1's windows");
        Step early = new IndexProgress(1, 0, 0, 0, 0, Double.NaN).step();
        assertEquals("Pass 1 of 2 · 0 windows · 0 tokens", early.line());
        assertEquals(-1, early.fraction(), "no total yet: an indeterminate bar");
        assertEquals("1:01:01", IndexProgress.clock(3661));
    }
}
