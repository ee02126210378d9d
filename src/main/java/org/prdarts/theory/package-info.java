/**
 * The analytic cell model behind the paper's theorems (convergence and gates), in plain Java
 * with hand-derived gradients. Imports no other package of the project.
 */
package org.prdarts.theory;
