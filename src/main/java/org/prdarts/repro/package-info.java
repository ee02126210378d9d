/**
 * Reproducibility and run bookkeeping, below everything but the engine workarounds: keyed random numbers, run directories,
 * manifests, checkpoints, atomic files, locks, the run harness and session that search and
 * training share, memory estimates, JSON. What it reads of the machine is in {@code host}.
 * Imports only engine and host.
 */
package org.prdarts.repro;
