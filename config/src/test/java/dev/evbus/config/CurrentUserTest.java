package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;

class CurrentUserTest {
    @Test
    void theUidIsTheOneTheJdkReportsForThisProcess() {
        assertEquals(new UnixSystem().getUid(), CurrentUser.uid());
    }

    @Test
    void theRealUidIsTheFirstNumberOfTheUidLine() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nUid:\t1000\t0\t0\t0\nGid:\t100\t100\t100\t100\n";
        assertEquals(1000, CurrentUser.realUidIn(status));
    }

    @Test
    void aUidLineAtTheStartOfTheFileIsFound() {
        assertEquals(0, CurrentUser.realUidIn("Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
    }

    @Test
    void noUidLineOrNoNumberGivesMinusOne() {
        assertEquals(-1, CurrentUser.realUidIn("Name:\tjava\nGid:\t100\n"));
        assertEquals(-1, CurrentUser.realUidIn("Name:\tjava\nUid:\t\n"));
        assertEquals(-1, CurrentUser.realUidIn("Name:\tXUid:\t5\n"));
    }
}
