/**
 * Optimizers with exposed state (SGD, Adam), schedules, clipping and the classification loss.
 * Imports only engine.
 */
package org.prdarts.optim;
