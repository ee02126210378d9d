/**
 * Optimizers with exposed state (SGD, Adam), schedules, clipping, the classification loss, and
 * scratch buffers for updates. May import repro only.
 */
package org.prdarts.optim;
