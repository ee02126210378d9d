/**
 * The analytic cell model behind the paper's theorems (convergence and gates), in plain Java
 * with hand-derived gradients. Imports only repro.
 */
package org.prdarts.theory;
