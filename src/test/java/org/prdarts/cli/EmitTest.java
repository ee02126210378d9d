package org.prdarts.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmitTest {
    @Test
    void optionsAndTheirValuesAreRemovedInBothSpellings() {
        List<String> args = List.of("--epochs", "2", "--seeds=1,2", "--methods", "darts", "--emit", "katib", "k",
                "--augment", "--seed", "3", "--emit=katib", "k2", "--lr", "0.1");
        assertEquals(List.of("--epochs", "2", "--augment", "--lr", "0.1"),
                Emit.withoutOptions(args, Set.of("--seeds", "--methods", "--emit", "--seed")));
    }
}
