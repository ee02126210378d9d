package org.prdarts.theory;

import java.util.Random;

/**
 * A least-squares problem for the cell model: n samples of unit Frobenius norm with targets, loss
 * F(w) = 1/2 sum_i (u_i(w) - y_i)^2, minimised by full-batch gradient descent on all weights with
 * the mixing weights fixed.
 */
public final class Regression {
    private final double[][] x;
    private final double[] y;

    public Regression(double[][] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("samples and targets must be equal in number and >= 1, found "
                    + x.length + " and " + y.length);
        }
        this.x = x.clone();
        this.y = y.clone();
    }

    /** n Gaussian samples of the given size, each scaled to unit norm, with N(0, 1) targets. */
    public static Regression random(int n, int size, Random rng) {
        double[][] x = new double[n][size];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < size; j++) {
                x[i][j] = rng.nextGaussian();
                norm += x[i][j] * x[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < size; j++) {
                x[i][j] /= norm;
            }
            y[i] = rng.nextGaussian();
        }
        return new Regression(x, y);
    }

    public int samples() {
        return x.length;
    }

    public double loss(CellModel model, double[] w) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double r = model.output(w, x[i]) - y[i];
            f += r * r;
        }
        return f / 2;
    }

    /** dF/dw. */
    public double[] lossGradient(CellModel model, double[] w) {
        double[] g = new double[w.length];
        for (int i = 0; i < x.length; i++) {
            model.gradient(w, x[i], model.output(w, x[i]) - y[i], g);
        }
        return g;
    }

    /** The Gram matrix J J^T of the outputs' gradients with respect to the masked weights (n x n). */
    public double[][] gram(CellModel model, double[] w, double[] mask) {
        double[][] j = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            j[i] = new double[w.length];
            model.gradient(w, x[i], 1, j[i]);
            for (int t = 0; t < w.length; t++) {
                j[i][t] *= mask[t];
            }
        }
        double[][] g = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = a; b < x.length; b++) {
                double s = 0;
                for (int t = 0; t < w.length; t++) {
                    s += j[a][t] * j[b][t];
                }
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        return g;
    }

    /**
     * The loss before each of {@code steps} gradient-descent steps on the masked weights and after the
     * last (steps + 1 values).
     */
    public double[] descend(CellModel model, double[] start, double[] mask, double eta, int steps) {
        double[] w = start.clone();
        double[] losses = new double[steps + 1];
        for (int t = 0; t < steps; t++) {
            losses[t] = loss(model, w);
            double[] g = lossGradient(model, w);
            for (int i = 0; i < w.length; i++) {
                w[i] -= eta * mask[i] * g[i];
            }
        }
        losses[steps] = loss(model, w);
        return losses;
    }

    /** The mean per-step contraction 1 - (F(K) / F(0))^(1/K) of a loss curve. */
    public static double contractionRate(double[] losses) {
        int steps = losses.length - 1;
        return 1 - Math.pow(losses[steps] / losses[0], 1.0 / steps);
    }
}
