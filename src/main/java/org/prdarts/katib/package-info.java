/**
 * Katib trials: metric lines for Katib's StdOut collector and v1beta1 Experiments from a list of
 * sub-run command lines. May import data, optim and repro only; imported by cli and study.
 */
package org.prdarts.katib;
