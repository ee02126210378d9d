package org.prdarts.theory;

import java.util.Random;

/**
 * The analytic cell of the paper's convergence analysis, small enough to differentiate by hand.
 *
 * <p>A sample is X with m channels and p positions (unit Frobenius norm). Node 0 is conv(W0; X);
 * node l (1 <= l < h) is the sum over s < l of skip[s][l] * X(s) + conv[s][l] * conv(W_sl; X(s)),
 * the zero operation contributing nothing; the output is u = sum_s &lt;V_s, X(s)&gt; over all nodes or
 * over the last one ({@link Readout}). The convolution
 * is conv(W; Z) = sigma(W * im2col(Z)) / sqrt(m) with a kernel of k positions (zero padding, stride 1)
 * and W of shape m x (k m). A missing edge is one whose skip and conv weights are both 0.
 *
 * <p>All trainable weights sit in one flat vector: W0, then W_sl for l = 1..h-1 and s = 0..l-1, then
 * V_0..V_{h-1}. {@link #gradient} is the exact gradient of u (backpropagation written out), checked
 * against finite differences in the tests.
 */
public final class CellModel {
    private final int m;
    private final int p;
    private final int k;
    private final int h;
    private final double[][] skip;
    private final double[][] conv;
    private final Activation sigma;
    private final Readout readout;
    private final int convSize;

    /** Which nodes the output reads. */
    public enum Readout {
        /** u = sum_s &lt;V_s, X(s)&gt; */
        ALL_NODES,
        /** u = &lt;V_{h-1}, X(h-1)&gt;: every signal reaches the output through the last node */
        LAST_NODE
    }

    /**
     * @param skip  skip[s][l] for s < l (h x h, other entries ignored)
     * @param conv  conv[s][l] for s < l
     */
    public CellModel(int channels, int positions, int kernel, double[][] skip, double[][] conv, Activation sigma,
                     Readout readout) {
        if (channels < 1 || positions < 1) {
            throw new IllegalArgumentException("channels and positions must be >= 1, found " + channels + " and "
                    + positions);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and >= 1, found " + kernel);
        }
        if (skip.length < 1 || skip.length != conv.length) {
            throw new IllegalArgumentException("skip and conv must be h x h with h >= 1, found " + skip.length
                    + " and " + conv.length + " rows");
        }
        this.m = channels;
        this.p = positions;
        this.k = kernel;
        this.h = skip.length;
        this.skip = copy(skip);
        this.conv = copy(conv);
        this.sigma = sigma;
        this.readout = readout;
        this.convSize = m * k * m;
    }

    public int nodes() {
        return h;
    }

    public int inputSize() {
        return m * p;
    }

    public double skip(int s, int l) {
        return skip[s][l];
    }

    public double conv(int s, int l) {
        return conv[s][l];
    }

    /** Which weights gradient descent trains and the Gram matrix differentiates. */
    public enum Trained {
        /** every weight */
        ALL,
        /** the convolutions (output weights stay at their initial values) */
        CONV,
        /** only the convolutions on the edges into the last node, the ones the theorem's bound counts */
        LAST_NODE_CONV
    }

    /** A 0/1 mask over the weight vector selecting the trained weights. */
    public double[] mask(Trained trained) {
        double[] mask = new double[parameterCount()];
        int convEnd = outputOffset(0);
        for (int i = 0; i < mask.length; i++) {
            boolean on = switch (trained) {
                case ALL -> true;
                case CONV -> i < convEnd;
                case LAST_NODE_CONV -> i >= convOffset(0, h - 1) && i < convEnd;
            };
            mask[i] = on ? 1 : 0;
        }
        return mask;
    }

    /** Number of weights. */
    public int parameterCount() {
        return convSize * (1 + h * (h - 1) / 2) + h * m * p;
    }

    /**
     * Convolution weights i.i.d. N(0, (convInitScale^2 / k)) and output weights N(0, 1). At scale 1 the
     * 1/sqrt(m) of the convolution and a near-linear sigma keep a node's norm; a smaller scale makes
     * the skip paths carry the signal at initialisation, the regime the theorem's bound describes
     * (the gradient of a convolution's weights does not depend on their scale).
     */
    public double[] initialWeights(Random rng, double convInitScale) {
        double[] w = new double[parameterCount()];
        int convEnd = outputOffset(0);
        double convStd = convInitScale / Math.sqrt(k);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian() * (i < convEnd ? convStd : 1);
        }
        return w;
    }

    private int convOffset(int s, int l) {
        return s < 0 ? 0 : convSize * (1 + (l - 1) * l / 2 + s);
    }

    private int outputOffset(int s) {
        return convSize * (1 + h * (h - 1) / 2) + s * m * p;
    }

    /** The output u for one sample x (m * p values, channel-major). */
    public double output(double[] w, double[] x) {
        return forward(w, x).u;
    }

    /** Adds scale * du/dw for one sample into grad. */
    public void gradient(double[] w, double[] x, double scale, double[] grad) {
        Forward f = forward(w, x);
        double[][] g = new double[h][m * p];
        for (int s = firstRead(); s < h; s++) {
            int o = outputOffset(s);
            for (int i = 0; i < m * p; i++) {
                g[s][i] = scale * w[o + i];
                grad[o + i] += scale * f.node[s][i];
            }
        }
        for (int l = h - 1; l >= 1; l--) {
            for (int s = 0; s < l; s++) {
                if (skip[s][l] != 0) {
                    for (int i = 0; i < m * p; i++) {
                        g[s][i] += skip[s][l] * g[l][i];
                    }
                }
                if (conv[s][l] != 0) {
                    convBackward(w, convOffset(s, l), f.node[s], f.pre[s][l], conv[s][l], g[l], grad, g[s]);
                }
            }
        }
        convBackward(w, 0, x, f.pre0, 1, g[0], grad, null);
    }

    private int firstRead() {
        return readout == Readout.LAST_NODE ? h - 1 : 0;
    }

    private Forward forward(double[] w, double[] x) {
        if (x.length != m * p) {
            throw new IllegalArgumentException("a sample must have m * p = " + m * p + " values, found " + x.length);
        }
        Forward f = new Forward();
        f.node = new double[h][];
        f.pre = new double[h][h][];
        f.pre0 = preActivation(w, 0, x);
        f.node[0] = activate(f.pre0, 1);
        for (int l = 1; l < h; l++) {
            double[] node = new double[m * p];
            for (int s = 0; s < l; s++) {
                if (skip[s][l] != 0) {
                    for (int i = 0; i < m * p; i++) {
                        node[i] += skip[s][l] * f.node[s][i];
                    }
                }
                if (conv[s][l] != 0) {
                    f.pre[s][l] = preActivation(w, convOffset(s, l), f.node[s]);
                    double[] c = activate(f.pre[s][l], conv[s][l]);
                    for (int i = 0; i < m * p; i++) {
                        node[i] += c[i];
                    }
                }
            }
            f.node[l] = node;
        }
        double u = 0;
        for (int s = firstRead(); s < h; s++) {
            int o = outputOffset(s);
            for (int i = 0; i < m * p; i++) {
                u += w[o + i] * f.node[s][i];
            }
        }
        f.u = u;
        return f;
    }

    /** W * im2col(z), m x p. */
    private double[] preActivation(double[] w, int offset, double[] z) {
        int pad = k / 2;
        double[] out = new double[m * p];
        for (int o = 0; o < m; o++) {
            for (int q = 0; q < p; q++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    int src = q + j - pad;
                    if (src < 0 || src >= p) {
                        continue;
                    }
                    for (int c = 0; c < m; c++) {
                        sum += w[offset + o * k * m + j * m + c] * z[c * p + src];
                    }
                }
                out[o * p + q] = sum;
            }
        }
        return out;
    }

    private double[] activate(double[] pre, double weight) {
        double[] out = new double[pre.length];
        double scale = weight / Math.sqrt(m);
        for (int i = 0; i < pre.length; i++) {
            out[i] = scale * sigma.value(pre[i]);
        }
        return out;
    }

    /** Backward of weight * conv(W; z): adds into grad (for W) and, when dz is given, into dz. */
    private void convBackward(double[] w, int offset, double[] z, double[] pre, double weight, double[] gOut,
                              double[] grad, double[] dz) {
        int pad = k / 2;
        double scale = weight / Math.sqrt(m);
        for (int o = 0; o < m; o++) {
            for (int q = 0; q < p; q++) {
                double d = gOut[o * p + q] * scale * sigma.derivative(pre[o * p + q]);
                if (d == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    int src = q + j - pad;
                    if (src < 0 || src >= p) {
                        continue;
                    }
                    for (int c = 0; c < m; c++) {
                        int wi = offset + o * k * m + j * m + c;
                        grad[wi] += d * z[c * p + src];
                        if (dz != null) {
                            dz[c * p + src] += d * w[wi];
                        }
                    }
                }
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != a.length) {
                throw new IllegalArgumentException("mixing weights must be h x h, found row " + i + " of length "
                        + a[i].length + " with h = " + a.length);
            }
            c[i] = a[i].clone();
        }
        return c;
    }

    private static final class Forward {
        double[] pre0;
        double[][][] pre;
        double[][] node;
        double u;
    }
}
