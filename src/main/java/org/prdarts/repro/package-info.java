/**
 * Reproducibility and run bookkeeping, below everything: keyed random numbers, run directories,
 * manifests, checkpoints, atomic files, locks, the shared run session, memory and device checks,
 * JSON. Imports no other package of the project.
 */
package org.prdarts.repro;
