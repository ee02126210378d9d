package org.prdarts.train;

import org.prdarts.space.Genotype;
import org.prdarts.space.Primitives;

/**
 * Parameters and mult-adds of a derived network, computed from its configuration without building
 * it, by docs/method.md section 8's convention: every conv weight, BN affine (2 per channel), classifier
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

    /** Accumulates one part of the network. */
    private static final class Tally {
        long params;
        long multAdds;

        void conv(int cin, int cout, int kernel, int groups, int outH, int outW) {
            long w = Math.multiplyExact((long) cin / groups * kernel * kernel, (long) cout);
            params = Math.addExact(params, w);
            multAdds = Math.addExact(multAdds, Math.multiplyExact(w, (long) outH * outW));
        }

        void bn(int c) {
            params = Math.addExact(params, 2L * c);
        }

        void linear(int in, int out) {
            params = Math.addExact(params, Math.addExact(Math.multiplyExact((long) in, out), out));
            multAdds = Math.addExact(multAdds, Math.multiplyExact((long) in, out));
        }
    }

    public static NetworkSize of(NetworkConfig config) {
        Tally main = new Tally();
        Tally aux = new Tally();
        int c = config.channels();
        int h = config.inputHeight();
        int w = config.inputWidth();
        int cin = config.inputChannels();
        int cPrevPrev;
        int cPrev;
        int[] size = config.stemSizes();
        boolean reductionPrev;
        if (config.imagenet()) {
            int h1 = NetworkConfig.halve(h);
            int w1 = NetworkConfig.halve(w);
            main.conv(cin, c / 2, 3, 1, h1, w1);
            main.bn(c / 2);
            main.conv(c / 2, c, 3, 1, size[0], size[1]);
            main.bn(c);
            main.conv(c, c, 3, 1, size[2], size[3]);
            main.bn(c);
            cPrevPrev = c;
            cPrev = c;
            reductionPrev = true;
        } else {
            int stem = NetworkConfig.STEM_MULTIPLIER * c;
            main.conv(cin, stem, 3, 1, h, w);
            main.bn(stem);
            cPrevPrev = stem;
            cPrev = stem;
            reductionPrev = false;
        }
        // spatial size of s1; preprocessing brings s0 to it
        int h1 = size[2];
        int w1 = size[3];
        int cCurr = c;
        Genotype g = config.genotype();
        for (int i = 0; i < config.layers(); i++) {
            boolean reduction = config.isReduction(i);
            if (reduction) {
                cCurr *= 2;
            }
            // preprocessing brings both inputs to cCurr channels at s1's resolution
            if (reductionPrev) {
                main.conv(cPrevPrev, cCurr / 2, 1, 1, h1, w1);
                main.conv(cPrevPrev, cCurr / 2, 1, 1, h1, w1);
            } else {
                main.conv(cPrevPrev, cCurr, 1, 1, h1, w1);
            }
            main.bn(cCurr);
            main.conv(cPrev, cCurr, 1, 1, h1, w1);
            main.bn(cCurr);
            int outH = reduction ? NetworkConfig.halve(h1) : h1;
            int outW = reduction ? NetworkConfig.halve(w1) : w1;
            for (Genotype.Pair p : g.cell(reduction)) {
                boolean strided = reduction && p.input() < 2;
                op(main, p.op(), cCurr, strided, outH, outW);
            }
            int cOut = DerivedCell.outputChannels(g, reduction, cCurr);
            cPrevPrev = cPrev;
            cPrev = cOut;
            reductionPrev = reduction;
            h1 = outH;
            w1 = outW;
            if (i == config.auxiliaryCell() && config.auxiliary()) {
                int[] geo = AuxiliaryHead.geometry(h1, w1, config.imagenet());
                aux.conv(cOut, AuxiliaryHead.HIDDEN, 1, 1, geo[4], geo[5]);
                aux.bn(AuxiliaryHead.HIDDEN);
                aux.conv(AuxiliaryHead.HIDDEN, AuxiliaryHead.FEATURES, geo[3], 1, geo[6], geo[7]);
                aux.bn(AuxiliaryHead.FEATURES);
                aux.linear(AuxiliaryHead.FEATURES, config.numClasses());
            }
        }
        main.linear(cPrev, config.numClasses());
        return new NetworkSize(main.params, main.multAdds, aux.params, aux.multAdds);
    }

    /** One kept op with C channels and output size outH x outW. */
    private static void op(Tally t, String name, int c, boolean strided, int outH, int outW) {
        switch (name) {
            case Primitives.SEP_CONV_3X3, Primitives.SEP_CONV_5X5 -> {
                int k = name.equals(Primitives.SEP_CONV_3X3) ? 3 : 5;
                // the stride sits on the first depthwise conv, so both halves run at the output size
                for (int half = 0; half < 2; half++) {
                    t.conv(c, c, k, c, outH, outW);
                    t.conv(c, c, 1, 1, outH, outW);
                    t.bn(c);
                }
            }
            case Primitives.DIL_CONV_3X3, Primitives.DIL_CONV_5X5 -> {
                int k = name.equals(Primitives.DIL_CONV_3X3) ? 3 : 5;
                t.conv(c, c, k, c, outH, outW);
                t.conv(c, c, 1, 1, outH, outW);
                t.bn(c);
            }
            case Primitives.SKIP_CONNECT -> {
                if (strided) {
                    t.conv(c, c / 2, 1, 1, outH, outW);
                    t.conv(c, c / 2, 1, 1, outH, outW);
                    t.bn(c);
                }
            }
            case Primitives.NONE, Primitives.MAX_POOL_3X3, Primitives.AVG_POOL_3X3 -> {
                // no weights, and pooling is not counted
            }
            default -> throw new IllegalArgumentException("unknown operation '" + name + "'");
        }
    }

    /** Total parameters including the auxiliary head. */
    public long totalParams() {
        return params + auxParams;
    }
}
