/**
 * Optimizers with exposed state (SGD, Adam), schedules, clipping and the classification loss.
 * May import repro and engine only.
 */
package org.prdarts.optim;
