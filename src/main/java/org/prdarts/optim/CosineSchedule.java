package org.prdarts.optim;

/**
 * Cosine annealing per epoch (torch CosineAnnealingLR stepped once per epoch):
 * lr(e) = min + (max - min) * (1 + cos(pi * e / E)) / 2.
 */
public record CosineSchedule(double max, double min, int epochs) {

    public CosineSchedule {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
        }
        if (max <= 0) {
            throw new IllegalArgumentException("learning rate must be > 0, found " + max);
        }
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("minimum learning rate must be in [0, " + max + "], found " + min);
        }
    }

    public double at(int epoch) {
        return min + (max - min) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
    }
}
