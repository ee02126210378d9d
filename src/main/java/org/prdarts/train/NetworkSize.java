package org.prdarts.train;

import org.prdarts.space.CellPlan;
import org.prdarts.space.Genotype;
import org.prdarts.space.NetworkPlan;
import org.prdarts.space.ops.Cost;
import org.prdarts.space.PlanCosts;

/**
 * Parameters and mult-adds of a derived network, computed from its plan without building it, by
 * docs/method.md section 8's convention: every conv weight, BN affine (2 per channel), classifier
 * weight and bias; mult-adds (Cin / groups) * k * k * Cout * Hout * Wout over convs plus in * out
 * over linear layers, for one image. The auxiliary head is counted apart (DARTS'
 * count_parameters_in_MB leaves it out, and it is not used at inference).
 *
 * @param params       trainable parameters of the network without the auxiliary head
 * @param multAdds     mult-adds per image without the auxiliary head
 * @param auxParams    trainable parameters of the auxiliary head (0 when it is off)
 * @param auxMultAdds  mult-adds per image of the auxiliary head
 */
public record NetworkSize(long params, long multAdds, long auxParams, long auxMultAdds) {

    public static NetworkSize of(NetworkConfig config) {
        NetworkPlan plan = config.plan();
        Genotype g = config.genotype();
        Cost main = PlanCosts.stem(plan.stem(), false);
        for (CellPlan cell : plan.cells()) {
            main = main.plus(PlanCosts.preprocessing(cell, 0, false)).plus(PlanCosts.preprocessing(cell, 1, false));
            for (Genotype.Pair p : g.cell(cell.reduction())) {
                main = main.plus(PlanCosts.op(cell, p.op(), p.input(), false));
            }
        }
        main = main.plus(PlanCosts.classifier(plan));
        Cost aux = plan.auxiliary() == null ? Cost.ZERO : AuxiliaryHead.cost(plan.auxiliary());
        return new NetworkSize(main.trainable(true), main.multAdds(), aux.trainable(true), aux.multAdds());
    }

    /** Total parameters including the auxiliary head. */
    public long totalParams() {
        return params + auxParams;
    }
}
