package org.neuronworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class MachineLoadTest {
    @Test
    void parsesTheAggregateLineOfProcStat() {
        MachineLoad.Ticks t = MachineLoad.parse("cpu  2103820 890884 258943 838710 3309 0 1351 2400 0 0");
        long busy = 2103820L + 890884 + 258943 + 0 + 1351 + 2400;
        assertEquals(busy, t.busy());
        assertEquals(busy + 838710 + 3309, t.all());
        assertNull(MachineLoad.parse("cpu0 1 2 3 4 5 6 7 8"), "a per-core line is not the aggregate");
        assertNull(MachineLoad.parse("cpu 1 2"), "too few fields");
    }

    @Test
    void idleOnlyWhenLessThanAThirdOfACoreWasBusyBetweenForwards() {
        MachineLoad.Ticks start = new MachineLoad.Ticks(1000, 5000);
        // 2 cores, 200 ms: 40 ticks. Nothing else ran: idle.
        assertTrue(MachineLoad.verdict(start, new MachineLoad.Ticks(1001, 5040), 2, false));
        // One other core spinning: 20 of 40 ticks busy = one core.
        assertFalse(MachineLoad.verdict(start, new MachineLoad.Ticks(1020, 5040), 2, true));
        // A fifth of a core's worth is still idle; half a core is not.
        assertTrue(MachineLoad.verdict(start, new MachineLoad.Ticks(1004, 5040), 2, false));
        assertFalse(MachineLoad.verdict(start, new MachineLoad.Ticks(1010, 5040), 2, true));
        // Too short a gap to judge keeps the last verdict either way.
        assertTrue(MachineLoad.verdict(start, new MachineLoad.Ticks(1004, 5004), 2, true));
        assertFalse(MachineLoad.verdict(start, new MachineLoad.Ticks(1000, 5004), 2, false));
    }

    /** A real competing process between two forwards is seen, whatever else the machine runs. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aSpinningProcessBetweenForwardsMakesTheMachineBusy() throws Exception {
        assertTrue(Files.isReadable(Path.of("/proc/stat")));
        MachineLoad load = new MachineLoad();
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(100);
            load.forwardEnded();
            Thread.sleep(400);
            assertFalse(load.idleSinceLastForward(), "a core's worth of other work between forwards is not idle");
        } finally {
            spinner.destroyForcibly().waitFor();
        }
    }
}
