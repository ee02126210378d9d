package org.prdarts.cli;

import org.prdarts.repro.Labeled;
import org.prdarts.search.PrDartsConfig;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.search.relax.HardConcrete;
import org.prdarts.search.relax.TauSchedule;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static org.prdarts.cli.SearchOptions.or;

/**
 * The PR-DARTS options of a search (a picocli mixin): temperature, gates and, in their own mixin,
 * the regularizer; unset options keep the base's values.
 */
public final class PrDartsOptions {

    @Option(names = "--tau-start", description = "PR-DARTS gate temperature of the first epoch. Default: "
            + TauSchedule.DEFAULT_START + " (reference code; the paper states 10).")
    Double tauStart;

    @Option(names = "--tau-end", description = "PR-DARTS gate temperature of the last epoch. Default: "
            + TauSchedule.DEFAULT_END + ".")
    Double tauEnd;

    @Option(names = "--gate-a", description = "Hard-concrete stretch lower end, < 0. Default: "
            + HardConcrete.DEFAULT_A + ".")
    Double gateA;

    @Option(names = "--gate-b", description = "Hard-concrete stretch upper end, > 1. Default: "
            + HardConcrete.DEFAULT_B + ".")
    Double gateB;

    @Option(names = "--gate-mode", description = "top2 (straight-through, 2 ops per edge computed) or full "
            + "(every op times its gate, paper eq. 7). Default: top2.")
    String gateMode;

    @Option(names = "--gate-dropout", description = "top2 gate dropout probability. Default: "
            + GateConfig.DEFAULT_GATE_DROPOUT + ".")
    Double gateDropout;

    @Mixin
    RegularizerOptions regularizer;

    /** The base settings with every option given applied. */
    PrDartsConfig applyTo(PrDartsConfig p) {
        TauSchedule t = p.tau();
        GateConfig g = p.gates();
        GateConfig.Mode mode = gateMode == null ? g.mode() : Labeled.parse(GateConfig.Mode.class, "gate-mode", gateMode);
        return new PrDartsConfig(new TauSchedule(or(tauStart, t.start()), or(tauEnd, t.end())),
                new GateConfig(or(gateA, g.a()), or(gateB, g.b()), mode, or(gateDropout, g.gateDropout())),
                regularizer.applyTo(p.regularizer()));
    }
}
