package org.prdarts.theory;

/** The smooth activation sigma of the analytic cell model, with its derivative. */
public enum Activation {
    TANH {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1 - t * t;
        }
    },
    SOFTPLUS {
        @Override
        public double value(double x) {
            return x > 30 ? x : Math.log1p(Math.exp(x));
        }

        @Override
        public double derivative(double x) {
            return 1 / (1 + Math.exp(-x));
        }
    };

    public abstract double value(double x);

    public abstract double derivative(double x);
}
