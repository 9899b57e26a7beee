package dev.evbus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Rss and Pss out of smaps_rollup, and summing up many processes' readings. */
class ResidentMemoryTest {
    /** A rollup as Linux 6 prints it: Pss is followed by its parts, whose names start with "Pss". */
    private static final String ROLLUP = """
            55dac2f66000-7fffb7f74000 ---p 00000000 00:00 0                          [rollup]
            Rss:               41704 kB
            Pss:               22270 kB
            Pss_Dirty:           112 kB
            Pss_Anon:          17112 kB
            Pss_File:           5158 kB
            Pss_Shmem:             0 kB
            Shared_Clean:       1552 kB
            Private_Dirty:       112 kB
            SwapPss:               0 kB
            """;

    @Test
    void readsRssAndPssNotTheirParts() {
        assertEquals(new ResidentMemory.Footprint(41704, 22270), ResidentMemory.parseRollup(ROLLUP));
    }

    @Test
    void refusesATextWithoutPss() {
        String noPss = ROLLUP.lines().filter(line -> !line.startsWith("Pss:")).reduce("", (a, b) -> a + b + "\n");
        assertThrows(IllegalArgumentException.class, () -> ResidentMemory.parseRollup(noPss));
    }

    @Test
    void readsALiveProcess() throws Exception {
        ResidentMemory.Footprint own = ResidentMemory.footprint(ProcessHandle.current().pid());
        assertTrue(own.rssKib() > 0 && own.pssKib() > 0 && own.pssKib() <= own.rssKib(), own::toString);
    }

    @Test
    void spreadTakesTheMeanAndTheLargestOfEachApart() {
        ResidentMemory.Spread spread = ResidentMemory.Spread.of(List.of(new ResidentMemory.Footprint(100, 60),
                new ResidentMemory.Footprint(90, 70), new ResidentMemory.Footprint(110, 50)));
        assertEquals(new ResidentMemory.Footprint(100, 60), spread.mean());
        assertEquals(new ResidentMemory.Footprint(110, 70), spread.max());
        assertEquals(3, spread.processes());
    }

    @Test
    void printsMebibytesAsTheReportDoes() {
        assertEquals("RSS 40.7 MB, PSS 21.7 MB", ResidentMemory.parseRollup(ROLLUP).toString());
    }
}
