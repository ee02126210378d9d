/**
 * The derived network of a genotype, trained from scratch: cells, auxiliary head, drop path,
 * training loop, evaluation, saved models and their size. May import supernet, space, data, optim,
 * repro and engine, never search; imported by cli, study, report and export.
 */
package org.prdarts.train;
