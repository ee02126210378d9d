/**
 * Reproducibility and run bookkeeping, below everything but the engine workarounds: keyed random numbers, run directories,
 * manifests, checkpoints, atomic files, locks, the run harness and session that search and
 * training share, memory and device checks, JSON. Imports only engine.
 */
package org.prdarts.repro;
