package dev.evbus.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void frozenParamsRefusePut() {
        Params frozen = Params.mutable(Map.of("a", "1")).freeze();
        assertThrows(UnsupportedOperationException.class, () -> frozen.put("a", "2"));
        assertEquals("1", frozen.string("a"));
    }

    @Test
    void frozenParamsRefuseChangesThroughTheirMap() {
        Params frozen = Params.mutable(Map.of("a", "1")).freeze();
        assertThrows(UnsupportedOperationException.class, () -> frozen.asMap().put("a", "2"));
    }

    @Test
    void laterChangesToTheMutableOriginalDoNotReachTheFrozenCopy() {
        Params mutable = Params.mutable(Map.of("a", "1"));
        Params frozen = mutable.freeze();
        mutable.put("a", "2");
        assertEquals("1", frozen.string("a"));
    }

    @Test
    void paramsCopyTheMapTheyAreMadeFrom() {
        Map<String, String> source = new HashMap<>(Map.of("a", "1"));
        Params frozen = Params.of(source);
        source.put("a", "2");
        assertEquals("1", frozen.string("a"));
    }

    @Test
    void mutableParamsAcceptPut() {
        Params mutable = Params.mutable(Map.of());
        mutable.put("a", "1");
        assertEquals("1", mutable.string("a"));
    }

    @Test
    void typedReadersInterpretStrings() {
        Params params = Params.of(Map.of("n", "12", "flag", "true", "tags", " a, ,b "));
        assertEquals(12, params.integer("n"));
        assertEquals(0, params.integer("absent"));
        assertEquals(true, params.bool("flag"));
        assertEquals(List.of("a", "b"), params.multi("tags"));
        assertEquals("", params.string("absent"));
    }
}
