/**
 * Katib trials: metric lines for Katib's StdOut collector and v1beta1 Experiments from a list of
 * sub-run command lines. Imports only repro; imported by cli and study.
 */
package org.prdarts.katib;
