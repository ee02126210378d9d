/**
 * Reproducibility and run bookkeeping, below everything: keyed random numbers, run directories,
 * manifests, checkpoints, atomic files, locks, the run harness and session that search and
 * training share, memory and device checks, JSON. Imports no other package of the project.
 */
package org.prdarts.repro;
